// The audit writer: decisions to records, batches ending on input lines with their
// checkpoints, and the in-memory chain a resumed run checks itself against.
#include <catch2/catch.hpp>

#include "runtime/audit_resume.hpp"
#include "runtime/audit_store.hpp"
#include "runtime/audit_writer.hpp"
#include "support/run_process.hpp"

using namespace writ::runtime;

namespace {

Decision sample_decision(int i) {
  Decision d;
  d.seq = i;
  d.at = 1'790'000'000'000 + i * 1000LL;
  d.kind = i % 3 == 0 ? "event" : "notify";
  d.incident = "INC-" + std::to_string(i % 2);
  if (d.kind != "event") {
    d.construct = "sla";
    d.name = "triage";
    d.where = "p.writ:3:1";
    d.outcome = "sent";
    d.target = "on-call";
    d.message = "breached \"triage\"";
    d.values = {{"elapsed", "\"15m\""}, {"severity", "2"}};
  }
  return d;
}

const std::string kHash(64, 'b');

}  // namespace

TEST_CASE("audit writer: a decision's record keeps every field, the message as a last value", "[runtime][audit]") {
  AuditRecord r = audit_record(sample_decision(1), kHash);
  CHECK(r.kind == "notify");
  CHECK(r.construct == "sla");
  CHECK(r.name == "triage");
  CHECK(r.span == "p.writ:3:1");
  CHECK(r.outcome == "sent");
  CHECK(r.target == "on-call");
  CHECK(r.incident == "INC-1");
  CHECK(r.at_ms == 1'790'000'001'000);
  CHECK(r.policy_hash == kHash);
  REQUIRE(r.values.size() == 3);
  CHECK(r.values[0].name == "elapsed");
  CHECK(*r.values[0].value == "\"15m\"");
  CHECK(r.values[2].name == "message");
  CHECK(*r.values[2].value == R"("breached \"triage\"")");
  for (const AuditValue& v : r.values) CHECK_FALSE(v.sensitive);
  CHECK(audit_record(sample_decision(3), kHash).values.empty());
}

TEST_CASE("audit writer: batches commit every N lines with the checkpoint after them", "[runtime][audit]") {
  writ::test::TempDir dir;
  std::string path = dir.path() + "/trail.db";
  auto store = AuditStore::open(path, AuditOpenOptions{AuditOpenMode::Create, {}});
  REQUIRE(store.ok());
  AuditWriter writer(*store.value(), kHash, AuditWriterOptions{"events.jsonl", 2});
  ChainRebuild rebuild(store.value()->meta().salt, kHash);
  int seq = 0;
  for (std::int64_t line = 1; line <= 5; ++line) {
    for (int k = 0; k < 3; ++k) {
      Decision d = sample_decision(++seq);
      writer.record(d);
      rebuild.add(d);
    }
    writer.line_consumed(line, 1'790'000'000'000 + line);
    writer.flush();
    auto cp = store.value()->last_checkpoint();
    REQUIRE(cp.ok());
    CHECK((cp.value() ? cp.value()->input_offset : 0) == line / 2 * 2);
  }
  writer.commit(5, 1'790'000'000'005);
  REQUIRE_FALSE(writer.error());
  CHECK(writer.commits() == 3);
  auto cp = store.value()->last_checkpoint();
  REQUIRE(cp.ok());
  CHECK(cp.value()->input_offset == 5);
  CHECK(cp.value()->input_source == "events.jsonl");
  CHECK(cp.value()->clock_ms == 1'790'000'000'005);
  CHECK(cp.value()->policy_hash == kHash);
  auto head = store.value()->committed_head();
  REQUIRE(head.ok());
  CHECK(head.value().seq == 15);
  CHECK(rebuild.head() == head.value());
  CHECK_FALSE(rebuild_mismatch(head.value(), rebuild.head()));
  rebuild.add(sample_decision(16));
  CHECK(rebuild_mismatch(head.value(), rebuild.head())->find("made 16 record(s), but the trail holds 15") !=
        std::string::npos);
}

TEST_CASE("audit writer: a resumed run's first batch ends a batch after the checkpoint", "[runtime][audit]") {
  writ::test::TempDir dir;
  std::string path = dir.path() + "/trail.db";
  auto checkpoint_offset = [&](AuditStore& store) {
    auto cp = store.last_checkpoint();
    REQUIRE(cp.ok());
    REQUIRE(cp.value());
    return cp.value()->input_offset;
  };
  {
    auto store = AuditStore::open(path, AuditOpenOptions{AuditOpenMode::Create, {}});
    REQUIRE(store.ok());
    AuditWriter writer(*store.value(), kHash, AuditWriterOptions{"events.jsonl", 4});
    for (std::int64_t line = 1; line <= 6; ++line) {
      writer.record(sample_decision(static_cast<int>(line)));
      writer.line_consumed(line, 1'790'000'000'000 + line);
    }
    writer.commit(6, 1'790'000'000'006);
    REQUIRE_FALSE(writer.error());
    CHECK(writer.commits() == 2);
    CHECK(checkpoint_offset(*store.value()) == 6);
  }
  auto store = AuditStore::open(path, AuditOpenOptions{AuditOpenMode::Append, {}});
  REQUIRE(store.ok());
  AuditWriter writer(*store.value(), kHash, AuditWriterOptions{"events.jsonl", 4});
  for (std::int64_t line = 7; line <= 9; ++line) {
    writer.record(sample_decision(static_cast<int>(line)));
    writer.line_consumed(line, 1'790'000'000'000 + line);
    writer.flush();
    CHECK(writer.commits() == 0);
    CHECK(checkpoint_offset(*store.value()) == 6);
  }
  writer.line_consumed(10, 1'790'000'000'010);
  writer.flush();
  REQUIRE_FALSE(writer.error());
  CHECK(writer.commits() == 1);
  CHECK(checkpoint_offset(*store.value()) == 10);
}

TEST_CASE("audit writer: resuming is refused under another policy or input", "[runtime][audit]") {
  AuditCheckpoint cp;
  cp.policy_hash = kHash;
  cp.input_source = "a.jsonl";
  CHECK_FALSE(resume_refusal(cp, kHash, "a.jsonl"));
  CHECK(resume_refusal(cp, std::string(64, 'c'), "a.jsonl")->find("written under policy") != std::string::npos);
  CHECK(resume_refusal(cp, kHash, "b.jsonl")->find("continues input `a.jsonl`, not `b.jsonl`") !=
        std::string::npos);
}
