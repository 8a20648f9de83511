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

// A writer of events.jsonl committing every `lines` lines, without the engine's state.
AuditWriterOptions every(std::int64_t lines) {
  AuditWriterOptions options;
  options.input_source = "events.jsonl";
  options.batch_lines = lines;
  return options;
}

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

namespace {

// Decisions of every shape a record takes: reads, values, a message, sensitive texts.
Decision shaped_decision(int i) {
  Decision d = sample_decision(i);
  for (int k = 0; k < i % 4; ++k) d.reads.push_back({"event.f" + std::to_string(k), std::to_string(k), k == 1});
  if (i % 5 == 0) d.values.clear();
  if (i % 7 == 0) {
    d.target = "pager \"" + std::to_string(i) + "\"";
    d.sensitive_target = true;
  }
  if (i % 2 == 0) {
    d.reason = "a reason longer than the short string buffer " + std::to_string(i);
    d.sensitive_reason = i % 4 == 0;
  }
  d.sensitive_message = i % 3 == 1;
  return d;
}

void check_same_record(const AuditRecord& a, const AuditRecord& b) {
  CHECK(a.at_ms == b.at_ms);
  CHECK(a.incident == b.incident);
  CHECK(a.kind == b.kind);
  CHECK(a.construct == b.construct);
  CHECK(a.name == b.name);
  CHECK(a.span == b.span);
  CHECK(a.outcome == b.outcome);
  CHECK(a.target == b.target);
  CHECK(a.reason == b.reason);
  CHECK(a.policy_hash == b.policy_hash);
  REQUIRE(a.values.size() == b.values.size());
  for (std::size_t i = 0; i < a.values.size(); ++i) {
    CHECK(a.values[i].name == b.values[i].name);
    CHECK(a.values[i].value == b.values[i].value);
    CHECK(a.values[i].sensitive == b.values[i].sensitive);
    CHECK(a.values[i].digest == b.values[i].digest);
  }
}

}  // namespace

TEST_CASE("audit writer: a record filled again, trading values with a spare pool, equals one filled fresh",
          "[runtime][audit]") {
  AuditRecord reused;
  std::vector<AuditValue> spare;
  for (int i = 1; i <= 40; ++i) {
    Decision d = shaped_decision(i);
    fill_audit_record(d, kHash, reused, spare);
    check_same_record(reused, audit_record(d, kHash));
  }
  // Values outgrown by one record wait in the pool for the next that needs them.
  std::size_t held = reused.values.size() + spare.size();
  fill_audit_record(sample_decision(3), kHash, reused, spare);
  CHECK(reused.values.empty());
  CHECK(spare.size() == held);
}

TEST_CASE("audit writer: batches commit every N lines with the checkpoint after them", "[runtime][audit]") {
  writ::test::TempDir dir;
  std::string path = dir.path() + "/trail.db";
  auto store = AuditStore::open(path, AuditOpenOptions{AuditOpenMode::Create, {}});
  REQUIRE(store.ok());
  AuditWriter writer(*store.value(), kHash, every(2));
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
    AuditWriter writer(*store.value(), kHash, every(4));
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
  AuditWriter writer(*store.value(), kHash, every(4));
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
