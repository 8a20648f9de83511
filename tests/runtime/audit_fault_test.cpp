// Faults while the trail is written: every write, sync or truncate in turn fails (once, or
// from then on, as with a full disk), and processes die mid-batch. Afterwards the file
// passes SQLite's integrity check, the chain verifies, every batch is wholly present or
// absent, the checkpoint matches the records, and a resumed writer continues the chain.
#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "runtime/audit_store.hpp"
#include "runtime/audit_verify.hpp"
#include "support/audit_fixture.hpp"
#include "support/faulty_vfs.hpp"
#include "support/run_process.hpp"

using namespace writ::runtime;
namespace faulty_vfs = writ::test::faulty_vfs;
using writ::test::sample_checkpoint;
using writ::test::sample_record;
using writ::test::TempDir;

namespace {

constexpr int kBatches = 4;
constexpr int kPerBatch = 3;

// Returns false at the first failure, like an engine that stops when its trail fails.
bool write_batch(AuditStore& store) {
  if (!store.begin_batch().ok()) return false;
  for (int i = 0; i < kPerBatch; ++i) {
    AuditRecord r = sample_record(static_cast<int>(store.last_seq()) + 1);
    if (!store.append(r).ok()) return false;
  }
  return store.commit_batch(sample_checkpoint(store.last_seq())).ok();
}

int write_through_faults(const std::string& path) {
  auto store = AuditStore::open(path, AuditOpenOptions{AuditOpenMode::Create, faulty_vfs::kName});
  if (!store.ok()) return 0;
  int committed = 0;
  while (committed < kBatches && write_batch(*store.value())) ++committed;
  return committed;
}

std::string integrity(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr);
  std::string result = sqlite3_step(stmt) == SQLITE_ROW ? reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))
                                                        : sqlite3_errmsg(db);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return result;
}

// The invariants after a failure; returns the number of whole batches found.
std::int64_t check_recovered(const std::string& path) {
  CHECK(integrity(path) == "ok");
  auto report = verify_trail(path);
  INFO((report.ok() ? report.value().reason : report.error().message));
  REQUIRE(report.ok());
  CHECK(report.value().ok);
  std::int64_t records = report.value().records;
  CHECK(records % kPerBatch == 0);
  auto store = AuditStore::open(path, AuditOpenOptions{});
  REQUIRE(store.ok());
  auto cp = store.value()->last_checkpoint();
  REQUIRE(cp.ok());
  if (records == 0) {
    CHECK_FALSE(cp.value().has_value());
  } else {
    REQUIRE(cp.value().has_value());
    CHECK(cp.value()->input_offset == records);
    CHECK(cp.value()->seq == records);
  }
  return records / kPerBatch;
}

void check_resumes(const std::string& path, std::int64_t batches) {
  auto store = AuditStore::open(path, AuditOpenOptions{AuditOpenMode::Append, {}});
  REQUIRE(store.ok());
  CHECK(store.value()->last_seq() == batches * kPerBatch);
  REQUIRE(write_batch(*store.value()));
  store.value().reset();
  auto report = verify_trail(path);
  REQUIRE(report.ok());
  CHECK(report.value().ok);
  CHECK(report.value().records == (batches + 1) * kPerBatch);
}

void fault_loop(bool persistent, int error) {
  faulty_vfs::install();
  for (long n = 1;; ++n) {
    REQUIRE(n < 5000);
    TempDir dir;
    std::string path = dir.path() + "/trail.db";
    faulty_vfs::arm(n, persistent, error);
    int committed = write_through_faults(path);
    faulty_vfs::disarm();
    if (!faulty_vfs::fired()) {
      CHECK(committed == kBatches);
      return;
    }
    INFO("failing operation " << n);
    if (!std::filesystem::exists(path)) {
      CHECK(committed == 0);
      continue;
    }
    std::int64_t batches = check_recovered(path);
    // A commit whose final sync failed may still be on disk: reported failed, found whole.
    CHECK(batches >= committed);
    CHECK(batches <= committed + 1);
    check_resumes(path, batches);
  }
}

// Commits batches in a child process until it is killed; never returns.
[[noreturn]] void write_forever(const std::string& path) {
  auto store = AuditStore::open(path, AuditOpenOptions{AuditOpenMode::Append, {}});
  if (!store.ok()) _exit(3);
  for (;;) {
    if (!write_batch(*store.value())) _exit(4);
  }
}

}  // namespace

TEST_CASE("audit faults: each write, sync or truncate failing once", "[runtime][audit]") {
  fault_loop(false, SQLITE_IOERR);
}

TEST_CASE("audit faults: a disk that fills up and stays full", "[runtime][audit]") {
  fault_loop(true, SQLITE_FULL);
}

TEST_CASE("audit faults: a full disk is reported as such", "[runtime][audit]") {
  faulty_vfs::install();
  TempDir dir;
  std::string path = dir.path() + "/trail.db";
  writ::test::write_trail(path, 1, 1);
  auto store = AuditStore::open(path, AuditOpenOptions{AuditOpenMode::Append, faulty_vfs::kName});
  REQUIRE(store.ok());
  faulty_vfs::arm(1, true, SQLITE_FULL);
  REQUIRE(store.value()->begin_batch().ok());
  AuditRecord r = sample_record(2);
  AuditStatus s = store.value()->append(r);
  if (s.ok()) s = store.value()->commit_batch();
  faulty_vfs::disarm();
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().kind == AuditErrorKind::DiskFull);
  CHECK(s.error().message.find("full") != std::string::npos);
}

TEST_CASE("audit faults: a process that dies mid-batch loses only that batch", "[runtime][audit]") {
  TempDir dir;
  std::string path = dir.path() + "/trail.db";
  writ::test::write_trail(path, 2, kPerBatch);
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    auto store = AuditStore::open(path, AuditOpenOptions{AuditOpenMode::Append, {}});
    if (!store.ok() || !store.value()->begin_batch().ok()) _exit(3);
    for (int i = 0; i < kPerBatch - 1; ++i) {
      AuditRecord r = sample_record(i);
      if (!store.value()->append(r).ok()) _exit(4);
    }
    _exit(0);  // no commit, no close, no destructors: as if killed
  }
  int status = 0;
  waitpid(child, &status, 0);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  CHECK(check_recovered(path) == 2);
  check_resumes(path, 2);
}

TEST_CASE("audit faults: a writer killed at any moment leaves whole batches", "[runtime][audit]") {
  for (int delay_ms : {5, 20, 60}) {
    TempDir dir;
    std::string path = dir.path() + "/trail.db";
    writ::test::write_trail(path, 1, kPerBatch);
    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) write_forever(path);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    REQUIRE(WIFSIGNALED(status));
    INFO("killed after " << delay_ms << " ms");
    std::int64_t batches = check_recovered(path);
    CHECK(batches >= 1);
    check_resumes(path, batches);
  }
}
