// The salt of a new trail (docs/audit.md, "Reproducible trails"): named, it makes the same
// records give the same chain, hash for hash, also for sensitive values; a malformed one is
// refused; left out, each trail draws its own.
#include <catch2/catch.hpp>

#include <filesystem>

#include "runtime/audit_store.hpp"
#include "support/audit_fixture.hpp"
#include "support/fixed_salt.hpp"
#include "support/run_process.hpp"

using namespace writ::runtime;
using writ::test::append_batches;
using writ::test::TempDir;

namespace {

const std::string kSalt = writ::test::kFixedSalt;

// The head of a new trail of sample records (each with a sensitive value) under `salt`.
AuditHead trail_head(const std::string& path, const std::string& salt) {
  auto store = AuditStore::open(path, AuditOpenOptions{AuditOpenMode::Create, {}}, salt);
  INFO((store.ok() ? "" : store.error().message));
  REQUIRE(store.ok());
  append_batches(*store.value(), 2, 3);
  auto head = store.value()->committed_head();
  REQUIRE(head.ok());
  return head.value();
}

}  // namespace

TEST_CASE("audit salt: a named salt reproduces the chain hash for hash", "[runtime][audit]") {
  TempDir dir;
  AuditHead first = trail_head(dir.path() + "/a.db", kSalt);
  AuditHead second = trail_head(dir.path() + "/b.db", kSalt);
  CHECK(first.seq == 6);
  CHECK(first == second);
  auto store = AuditStore::open(dir.path() + "/a.db", {});
  REQUIRE(store.ok());
  CHECK(store.value()->meta().salt == kSalt);
}

TEST_CASE("audit salt: without one, each trail draws its own and the hashes differ", "[runtime][audit]") {
  TempDir dir;
  AuditHead first = trail_head(dir.path() + "/a.db", "");
  AuditHead second = trail_head(dir.path() + "/b.db", "");
  CHECK(first.seq == second.seq);
  CHECK(first.hash != second.hash);
}

TEST_CASE("audit salt: a malformed salt is refused and leaves no file", "[runtime][audit]") {
  TempDir dir;
  std::string upper = kSalt;
  upper[10] = 'A';
  for (const std::string& bad : {kSalt.substr(1), kSalt + "0", upper, std::string(64, 'g')}) {
    std::string path = dir.path() + "/bad.db";
    auto store = AuditStore::open(path, AuditOpenOptions{AuditOpenMode::Create, {}}, bad);
    REQUIRE_FALSE(store.ok());
    CHECK(store.error().kind == AuditErrorKind::Misuse);
    CHECK(store.error().message.find("64 lower-case hex digits") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(path));
  }
}
