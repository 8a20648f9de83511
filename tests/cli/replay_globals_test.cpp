// `writ replay` of tests/fixtures/engine/globals.writ, whose global events arm engine-wide
// SLAs, ladders, obligations and timer rules: the same output and trail under both
// engines, and a run continued with --resume leaves the trail of an uninterrupted one
// (the engine-wide instances are rebuilt by re-executing the committed input).
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "runtime/audit_store.hpp"
#include "support/run_process.hpp"
#include "support/text_file.hpp"

using writ::test::run_writ;
using writ::test::TempDir;
using writ::test::slurp;
using writ::test::lines_of;

namespace {

const std::string kPolicy = std::string(WRIT_TESTS_DIR) + "/fixtures/engine/globals.writ";
const std::string kEvents = std::string(WRIT_TESTS_DIR) + "/fixtures/engine/globals.events.jsonl";
const std::string kUntil = "2027-01-10T00:00:00Z";

// "seq kind incident target hash" per record.
std::vector<std::string> records(const std::string& trail) {
  auto store = writ::runtime::AuditStore::open(trail, {});
  REQUIRE(store.ok());
  std::vector<std::string> out;
  auto s = store.value()->for_each_record([&](const writ::runtime::AuditRecord& r) {
    out.push_back(std::to_string(r.seq) + " " + r.kind + " " + r.incident + " " + r.target + " " + r.hash);
    return true;
  });
  REQUIRE(s.ok());
  return out;
}

}  // namespace

TEST_CASE("replay: engine-wide instances give the same output and trail under both engines", "[cli][replay]") {
  TempDir dir;
  std::string jit = dir.path() + "/jit.db", interp = dir.path() + "/interp.db";
  auto a = run_writ({"replay", "--policy", kPolicy, "--events", kEvents, "--until", kUntil, "--engine", "jit",
                     "--audit", jit, "--batch-lines", "4"});
  auto b = run_writ({"replay", "--policy", kPolicy, "--events", kEvents, "--until", kUntil, "--engine", "interp",
                     "--audit", interp, "--batch-lines", "4"});
  INFO(a.err << b.err);
  REQUIRE(a.exit_code == 0);
  REQUIRE(b.exit_code == 0);
  CHECK(a.out == b.out);
  CHECK(records(jit) == records(interp));
  // Engine-wide decisions carry no incident; an incident's carry theirs.
  CHECK(a.out.find(R"("kind":"violation")") != std::string::npos);
  for (const std::string& line : lines_of(a.out)) {
    if (line.find(R"("name":"finding_remediated")") != std::string::npos) CHECK(line.find("\"incident\"") == std::string::npos);
    if (line.find(R"("name":"lessons_adopted")") != std::string::npos) CHECK(line.find("\"incident\"") != std::string::npos);
  }
}

TEST_CASE("replay: engine-wide instances survive --resume", "[cli][replay]") {
  TempDir dir;
  std::vector<std::string> events = lines_of(slurp(kEvents));
  REQUIRE(events.size() == 18);
  std::string first;
  for (std::size_t i = 0; i < 9; ++i) first += events[i] + "\n";
  std::string input = dir.write("events.jsonl", first);
  std::string resumed_trail = dir.path() + "/resumed.db";
  auto part = run_writ({"replay", "--policy", kPolicy, "--events", input, "--audit", resumed_trail, "--batch-lines", "3"});
  INFO(part.err);
  REQUIRE(part.exit_code == 0);
  std::size_t before = records(resumed_trail).size();

  dir.write("events.jsonl", slurp(kEvents));
  auto resumed = run_writ({"replay", "--policy", kPolicy, "--events", input, "--until", kUntil, "--audit",
                           resumed_trail, "--resume", "--batch-lines", "3"});
  INFO(resumed.err);
  REQUIRE(resumed.exit_code == 0);
  CHECK(resumed.err.find("(resumed after line 9)") != std::string::npos);

  std::string whole = dir.path() + "/whole.db";
  auto uninterrupted = run_writ({"replay", "--policy", kPolicy, "--events", input, "--until", kUntil, "--audit", whole});
  REQUIRE(uninterrupted.exit_code == 0);
  auto a = records(resumed_trail), b = records(whole);
  CHECK(a.size() > before);
  CHECK(a == b);
}
