// The audit trail's writing thread: work pushed in pieces of any size is stored in order, as
// one thread writing directly would store it, hash for hash; a failure stops it, is
// reported, and leaves only whole batches behind.
#include <catch2/catch.hpp>

#include "runtime/audit_pipeline.hpp"
#include "runtime/audit_verify.hpp"
#include "support/audit_fixture.hpp"
#include "support/faulty_vfs.hpp"
#include "support/fixed_salt.hpp"
#include "support/run_process.hpp"

using namespace writ::runtime;
namespace faulty_vfs = writ::test::faulty_vfs;
using writ::test::sample_checkpoint;
using writ::test::TempDir;

namespace {

const std::string kSalt = writ::test::kFixedSalt;
constexpr int kBatches = 20;
constexpr int kPerBatch = 37;

std::unique_ptr<AuditStore> create(const std::string& path, const std::string& vfs = {}) {
  auto store = AuditStore::open(path, AuditOpenOptions{AuditOpenMode::Create, vfs}, kSalt);
  REQUIRE(store.ok());
  return std::move(store.value());
}

// The batches pushed in pieces of 1, 2, 3, ... records, each batch's last piece carrying its
// checkpoint.
void push_batches(AuditPipeline& pipeline) {
  int seq = 0;
  std::size_t piece = 1;
  for (int b = 0; b < kBatches; ++b) {
    int left = kPerBatch;
    while (left > 0) {
      AuditWork work;
      for (; left > 0 && work.records.size() < piece; --left) writ::test::add_sample_image(work.records, ++seq, kSalt);
      if (left == 0) work.checkpoint = sample_checkpoint(seq);
      pipeline.push(std::move(work));
      piece = piece % 9 + 1;
    }
  }
}

AuditHead committed_head(const AuditStore& store) {
  auto head = store.committed_head();
  REQUIRE(head.ok());
  return head.value();
}

}  // namespace

TEST_CASE("audit pipeline: work pushed in pieces is stored as one thread writing it directly stores it",
          "[runtime][audit]") {
  TempDir dir;
  auto direct = create(dir.path() + "/direct.db");
  writ::test::append_batches(*direct, kBatches, kPerBatch);
  auto piped = create(dir.path() + "/piped.db");
  {
    AuditPipeline pipeline(*piped);
    push_batches(pipeline);
    pipeline.drain();
    CHECK_FALSE(pipeline.failed());
    CHECK(pipeline.commits() == kBatches);
  }
  CHECK(committed_head(*piped) == committed_head(*direct));
  CHECK(committed_head(*piped).seq == kBatches * kPerBatch);
  auto report = verify_trail(dir.path() + "/piped.db");
  REQUIRE(report.ok());
  CHECK(report.value().ok);
}

TEST_CASE("audit pipeline: records pushed after the last commit are left to the store's rollback",
          "[runtime][audit]") {
  TempDir dir;
  auto store = create(dir.path() + "/t.db");
  {
    AuditPipeline pipeline(*store);
    push_batches(pipeline);
    AuditWork tail;
    writ::test::add_sample_image(tail.records, kBatches * kPerBatch + 1, kSalt);
    pipeline.push(std::move(tail));
  }
  CHECK(store->in_batch());
  store.reset();
  auto report = verify_trail(dir.path() + "/t.db");
  REQUIRE(report.ok());
  CHECK(report.value().records == kBatches * kPerBatch);
}

TEST_CASE("audit pipeline: a failure is reported, stops the writing, and leaves whole batches",
          "[runtime][audit]") {
  faulty_vfs::install();
  TempDir dir;
  for (long fail_at : {1L, 7L, 40L}) {
    INFO("failing from operation " << fail_at);
    std::string path = dir.path() + "/t" + std::to_string(fail_at) + ".db";
    auto store = create(path, faulty_vfs::kName);
    faulty_vfs::arm(fail_at, true);
    {
      AuditPipeline pipeline(*store);
      push_batches(pipeline);  // returns although the queue stops draining: pushes are dropped
      pipeline.drain();
      REQUIRE(pipeline.failed());
      REQUIRE(pipeline.error().has_value());
      CHECK(pipeline.commits() < kBatches);
    }
    faulty_vfs::disarm();
    CHECK(faulty_vfs::fired());
    store.reset();
    auto report = verify_trail(path);
    REQUIRE(report.ok());
    CHECK(report.value().ok);
    CHECK(report.value().records % kPerBatch == 0);
  }
}
