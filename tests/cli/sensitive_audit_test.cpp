// `@sensitive` end to end: what the engine records from a sensitive field (an input event's
// field, a value or a message computed from one, a reason interpolating one) is marked in
// the trail, kept beside its salted digest, and dropped by `writ audit export --redact`,
// whose copy still verifies; and `writ audit why` shows the fields each decision read.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "runtime/audit_store.hpp"
#include "support/run_process.hpp"
#include "support/text_file.hpp"

using writ::runtime::AuditRecord;
using writ::runtime::AuditValue;
using writ::test::run_writ;
using writ::test::TempDir;
using writ::test::slurp;

namespace {

const std::string kPolicy = std::string(WRIT_TESTS_DIR) + "/fixtures/engine/sensitive.writ";
const std::string kEvents = std::string(WRIT_TESTS_DIR) + "/fixtures/engine/sensitive.events.jsonl";
const std::vector<std::string> kSecrets = {"ann@example.com", "bob@example.com", "carol@example.com", "mallory"};

std::vector<AuditRecord> records_of(const std::string& path) {
  auto store = writ::runtime::AuditStore::open(path, {});
  REQUIRE(store.ok());
  std::vector<AuditRecord> out;
  REQUIRE(store.value()->for_each_record([&](const AuditRecord& r) {
    out.push_back(r);
    return true;
  }).ok());
  return out;
}

const AuditValue* value_named(const AuditRecord& r, const std::string& name) {
  for (const AuditValue& v : r.values) {
    if (v.name == name) return &v;
  }
  return nullptr;
}

// The record of `kind` by construct `name` whose value `name` exists, in trail order.
const AuditRecord& find(const std::vector<AuditRecord>& records, const std::string& kind, const std::string& value) {
  for (const AuditRecord& r : records) {
    if (r.kind == kind && value_named(r, value)) return r;
  }
  FAIL("no " << kind << " record with a value " << value);
  return records.front();
}

std::string replay_to(const TempDir& dir) {
  std::string trail = dir.path() + "/trail.db";
  auto r = run_writ({"replay", "--policy", kPolicy, "--events", kEvents, "--audit", trail});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return trail;
}

}  // namespace

TEST_CASE("audit: the engine marks what comes from @sensitive fields", "[cli][audit]") {
  TempDir dir;
  std::vector<AuditRecord> records = records_of(replay_to(dir));

  // The input event's own fields: the sensitive one with its digest, the others plain.
  const AuditRecord& input = find(records, "event", "read:event.requester");
  CHECK(value_named(input, "read:event.requester")->sensitive);
  CHECK(*value_named(input, "read:event.requester")->value == "\"ann@example.com\"");
  CHECK(value_named(input, "read:event.requester")->digest.size() == 64);
  CHECK_FALSE(value_named(input, "read:event.change")->sensitive);
  CHECK(value_named(input, "read:event.change")->digest.empty());

  // A message interpolating a sensitive field, a value computed from one, a recipient's
  // message, and a denial whose reason interpolates one (the record's reason is then empty).
  CHECK(value_named(find(records, "audit", "message"), "message")->sensitive);
  CHECK(value_named(find(records, "set", "state.contact"), "state.contact")->sensitive);
  CHECK(value_named(find(records, "notify", "message"), "message")->sensitive);
  const AuditRecord& denied = find(records, "denied", "reason");
  CHECK(denied.reason.empty());
  CHECK(*value_named(denied, "reason")->value == "\"mallory may not request changes\"");
  CHECK(value_named(denied, "reason")->sensitive);
  // What is not computed from a sensitive field stays plain.
  CHECK_FALSE(value_named(find(records, "rule", "read:event.severity"), "read:event.severity")->sensitive);
}

TEST_CASE("audit: a redacted export of an engine-written trail drops the sensitive values and verifies",
          "[cli][audit]") {
  TempDir dir;
  std::string trail = replay_to(dir);
  std::string out = dir.path() + "/redacted.db";
  auto exported = run_writ({"audit", "export", trail, out, "--redact"});
  INFO(exported.err);
  REQUIRE(exported.exit_code == 0);
  CHECK(exported.out.find("sensitive values dropped") != std::string::npos);
  CHECK(exported.out.find(", 0 sensitive") == std::string::npos);

  std::string bytes = slurp(out);
  for (const std::string& secret : kSecrets) {
    INFO(secret);
    CHECK(bytes.find(secret) == std::string::npos);
  }
  CHECK(slurp(trail).find("ann@example.com") != std::string::npos);  // the trail itself keeps them

  auto original = run_writ({"audit", "verify", trail});
  auto copy = run_writ({"audit", "verify", out});
  INFO(copy.err);
  REQUIRE(copy.exit_code == 0);
  CHECK(copy.out.substr(copy.out.find("head: ")) == original.out.substr(original.out.find("head: ")));
  std::vector<AuditRecord> redacted = records_of(out);
  const AuditRecord& input = find(redacted, "event", "read:event.requester");
  CHECK_FALSE(value_named(input, "read:event.requester")->value);
  CHECK(value_named(input, "read:event.requester")->digest.size() == 64);
}

TEST_CASE("audit why: each decision with the fields its conditions read, as they were then", "[cli][audit]") {
  TempDir dir;
  std::string trail = replay_to(dir);

  // CHG-1 came before the freeze: no guard clause held. CHG-2 came after it.
  auto before = run_writ({"audit", "why", trail, "--change", "CHG-1"});
  INFO(before.err);
  REQUIRE(before.exit_code == 0);
  CHECK(before.out.find("guard change_freeze") == std::string::npos);
  CHECK(before.out.find("rule log_change (") != std::string::npos);

  auto after = run_writ({"audit", "why", trail, "--change", "CHG-2"});
  INFO(after.err);
  REQUIRE(after.exit_code == 0);
  CHECK(after.out.find("guard change_freeze (") != std::string::npos);
  CHECK(after.out.find(": denied denied -> change.requested because changes are frozen read event.emergency=false, "
                       "event.requester=<sensitive>, global.frozen=true\n") != std::string::npos);
  CHECK(after.out.find("carol") == std::string::npos);

  auto incident = run_writ({"audit", "why", trail, "--incident", "INC-1"});
  INFO(incident.err);
  REQUIRE(incident.exit_code == 0);
  CHECK(incident.out.find("rule page (") != std::string::npos);
  CHECK(incident.out.find(": rule fired -> alert.received read event.severity=1\n") != std::string::npos);

  auto none = run_writ({"audit", "why", trail, "--change", "CHG-404"});
  CHECK(none.exit_code == 1);
  CHECK(none.err.find("no construct decided anything for change `CHG-404`") != std::string::npos);
  auto both = run_writ({"audit", "why", trail, "--change", "CHG-1", "--incident", "INC-1"});
  CHECK(both.exit_code == 2);
  auto neither = run_writ({"audit", "why", trail});
  CHECK(neither.exit_code == 2);
}

TEST_CASE("audit: the JIT and the interpreter record the same reads and marks", "[cli][audit]") {
  // Each trail has its own salt, so digests and hashes differ; everything else must not.
  TempDir dir;
  std::vector<std::vector<std::string>> trails;
  for (const char* engine : {"jit", "interp"}) {
    std::string trail = dir.path() + "/" + engine + ".db";
    auto r = run_writ({"replay", "--policy", kPolicy, "--events", kEvents, "--engine", engine, "--audit", trail});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    std::vector<std::string> lines;
    for (const AuditRecord& rec : records_of(trail)) {
      std::string line = rec.kind + "|" + rec.construct + "|" + rec.name + "|" + rec.target + "|" + rec.reason;
      for (const AuditValue& v : rec.values) line += "|" + v.name + "=" + v.value.value_or("") + (v.sensitive ? "*" : "");
      lines.push_back(line);
    }
    trails.push_back(lines);
  }
  CHECK(trails[0].size() == 14);
  CHECK(trails[0] == trails[1]);
}
