// `writ run --resume` end to end (docs/audit.md, "Resuming a live run"): a live run killed
// with SIGKILL after a commit and one uncommitted line is resumed on its trail; the feeder
// re-sends from the line the resumed run names and goes on. The trail verifies and holds the
// records of an uninterrupted run of the same lines, all but their times (the wall clock's),
// so the state the kill interrupted (a freeze) was restored and no line counted twice.
#include <catch2/catch.hpp>

#include <sstream>

#include "runtime/audit_store.hpp"
#include "support/child_process.hpp"
#include "support/committed_offset.hpp"
#include "support/fixed_salt.hpp"
#include "support/run_process.hpp"
#include "support/text_file.hpp"

using writ::runtime::AuditRecord;
using writ::test::ChildProcess;
using writ::test::run_writ;
using writ::test::TempDir;

namespace {

const std::string kPolicy = std::string(WRIT_TESTS_DIR) + "/fixtures/engine/sensitive.writ";
const std::string kEvents = std::string(WRIT_TESTS_DIR) + "/fixtures/engine/sensitive.events.jsonl";
const std::string kSalt = writ::test::kFixedSalt;

// The five events of the fixture and a bad line: 1 a change, 2 an alert, 3 the freeze,
// 4 a change it denies, 5 not JSON (`stdin:5`), 6 a change it denies.
std::vector<std::string> feed() {
  std::vector<std::string> events = writ::test::lines_of(writ::test::slurp(kEvents));
  REQUIRE(events.size() == 5);
  events.insert(events.begin() + 4, "not json");
  return events;
}

std::string joined(const std::vector<std::string>& lines, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) out += lines[i] + "\n";
  return out;
}

// Every record without its time and hashes, which the wall clock makes differ between runs.
std::vector<std::string> timeless_records(const std::string& trail) {
  auto store = writ::runtime::AuditStore::open(trail, {});
  REQUIRE(store.ok());
  std::vector<std::string> out;
  REQUIRE(store.value()->for_each_record([&](const AuditRecord& r) {
    std::ostringstream s;
    s << r.seq << ' ' << r.incident << ' ' << r.kind << ' ' << r.construct << ' ' << r.name << ' ' << r.span << ' '
      << r.outcome << ' ' << r.target << ' ' << r.reason;
    for (const auto& v : r.values) s << " | " << v.name << '=' << v.value.value_or("-") << ' ' << v.digest;
    out.push_back(s.str());
    return true;
  }).ok());
  return out;
}

void verify(const std::string& trail) {
  auto r = run_writ({"audit", "verify", trail});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
}

std::vector<std::string> run_args(const std::string& trail, const std::string& salt) {
  return {"run", "--policy", kPolicy, "--audit", trail, "--salt-file", salt, "--batch-lines", "3"};
}

}  // namespace

TEST_CASE("run: killed after a commit and resumed, the trail holds an uninterrupted run's records", "[cli][run]") {
  TempDir dir;
  std::string salt = dir.write("salt.hex", kSalt);
  std::vector<std::string> lines = feed();

  std::string whole = dir.path() + "/whole.db";
  auto uninterrupted = run_writ(run_args(whole, salt), joined(lines, 0, lines.size()));
  INFO(uninterrupted.err);
  REQUIRE(uninterrupted.exit_code == 0);

  std::string killed = dir.path() + "/killed.db";
  {
    ChildProcess child(WRIT_BINARY, run_args(killed, salt), dir.path() + "/killed.err");
    child.write_stdin(joined(lines, 0, 3));
    REQUIRE(writ::test::await_commit(killed, 3) == 3);
    child.write_stdin(joined(lines, 3, 4));  // applied (denied: the freeze holds), never committed
    std::string out = child.read_stdout(10000, "changes are frozen");
    INFO(out << dir.read("killed.err"));
    REQUIRE(out.find("changes are frozen") != std::string::npos);
    child.signal(SIGKILL);
    CHECK(child.wait() == -1);
  }
  CHECK(writ::test::committed_offset(killed) == 3);

  auto resumed = run_writ({"run", "--policy", kPolicy, "--audit", killed, "--resume", "--batch-lines", "3"},
                          joined(lines, 3, lines.size()));
  INFO(resumed.err);
  REQUIRE(resumed.exit_code == 0);
  CHECK(resumed.err.find("writ run: " + killed + ": resuming after stdin line 3 (record ") != std::string::npos);
  CHECK(resumed.err.find("writ run: 6 line(s) (resumed after line 3),") != std::string::npos);
  CHECK(resumed.out.find("\"reason\":\"stdin:5: not valid JSON") != std::string::npos);

  verify(killed);
  std::vector<std::string> expected = timeless_records(whole);
  CHECK(expected.size() > 10);
  CHECK(timeless_records(killed) == expected);
  CHECK(writ::test::committed_offset(killed) == 6);
}

TEST_CASE("run: --resume refuses what it cannot continue", "[cli][run]") {
  TempDir dir;
  std::string replayed = dir.path() + "/replayed.db";
  REQUIRE(run_writ({"replay", "--policy", kPolicy, "--events", kEvents, "--audit", replayed}).exit_code == 0);
  auto other_input = run_writ({"run", "--policy", kPolicy, "--audit", replayed, "--resume"}, "");
  CHECK(other_input.exit_code == 2);
  CHECK(other_input.err.find("cannot resume: the trail's checkpoint continues input `" + kEvents + "`, not `stdin`") !=
        std::string::npos);

  std::string live = dir.path() + "/live.db";
  REQUIRE(run_writ({"run", "--policy", kPolicy, "--audit", live}, joined(feed(), 0, 2)).exit_code == 0);
  auto again = run_writ({"run", "--policy", kPolicy, "--audit", live}, "");
  CHECK(again.exit_code == 2);
  CHECK(again.err.find("pass --resume to continue that trail") != std::string::npos);
  std::string other_policy = std::string(WRIT_TESTS_DIR) + "/fixtures/engine/live.writ";
  auto policy = run_writ({"run", "--policy", other_policy, "--audit", live, "--resume"}, "");
  CHECK(policy.exit_code == 2);
  CHECK(policy.err.find("cannot resume: the trail was written under policy") != std::string::npos);

  auto missing = run_writ({"run", "--policy", kPolicy, "--audit", dir.path() + "/none.db", "--resume"}, "");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("no such file") != std::string::npos);
  auto alone = run_writ({"run", "--policy", kPolicy, "--resume"}, "");
  CHECK(alone.exit_code == 2);
  CHECK(alone.err == "writ run: --resume needs --audit, the trail to continue\n");
}
