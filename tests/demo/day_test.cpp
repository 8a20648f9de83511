// The demo day end to end (`make demo`): examples/day/events.jsonl replayed through the
// LANGUAGE.md policy (tests/fixtures/language/) and examples/day/resolution.writ. The
// decisions must equal tests/golden/demo/day.expected under both engines, byte for byte; the
// trails, salted alike, must verify with the same head hash; each scene of examples/day/generate.py must give
// the decision it is written for; and the committed events must be what the generator writes.
//
// The runs use paths relative to the source folder, as `make demo` does, so the spans and
// the rejection messages in the output are the same on every machine. WRIT_UPDATE_GOLDEN=1
// rewrites the golden file.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include "support/golden.hpp"
#include "support/run_process.hpp"

using writ::test::run_writ;
using writ::test::TempDir;
namespace fs = std::filesystem;

namespace {

const std::string kEvents = "examples/day/events.jsonl";
const std::string kUntil = "2026-12-18T00:00:00Z";

// Runs in the source folder while it lives.
class InSourceFolder {
 public:
  InSourceFolder() : saved_(fs::current_path()) { fs::current_path(WRIT_SOURCE_DIR); }
  ~InSourceFolder() { fs::current_path(saved_); }
  InSourceFolder(const InSourceFolder&) = delete;
  InSourceFolder& operator=(const InSourceFolder&) = delete;

 private:
  fs::path saved_;
};

struct Replay {
  std::string out;
  std::string head;       // `writ audit verify`'s "head: record N, hash H"
  std::string timelines;  // `writ audit timeline` of the major incident and of the engine-wide records
};

// The trails of both engines are salted alike (--salt-file), so that their digests of the
// demo's @sensitive change requester, and with them every record hash, can be compared.
Replay replay_day(const std::string& engine, const TempDir& dir) {
  InSourceFolder here;
  std::string trail = dir.path() + "/" + engine + ".db";
  std::string salt = dir.write("salt.hex", std::string(64, '5'));
  auto r = run_writ({"replay", "--policy", "tests/fixtures/language", "examples/day/resolution.writ", "--stdlib", "stdlib", "--events",
                     kEvents, "--until", kUntil, "--engine", engine, "--audit", trail, "--salt-file", salt});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto verified = run_writ({"audit", "verify", trail});
  INFO(verified.err);
  REQUIRE(verified.exit_code == 0);
  auto head = verified.out.find("head: ");
  REQUIRE(verified.out.find(", hash ", head) != std::string::npos);
  std::string timelines;
  for (const char* incident : {"INC-5103", ""}) {
    auto timeline = run_writ({"audit", "timeline", trail, incident});
    INFO(timeline.err);
    REQUIRE(timeline.exit_code == 0);
    timelines += timeline.out;
  }
  return {r.out, verified.out.substr(head), timelines};
}

// The decision lines at `at` of `kind` for `incident` ("" for a global one) that also hold
// `detail`. Each line begins `{"seq":N,"at":"...","kind":"...","incident":"..."`.
int count(const std::string& out, const std::string& at, const std::string& kind, const std::string& incident,
          const std::string& detail = "") {
  std::string head = "\"at\":\"2026-12-17T" + at + "Z\",\"kind\":\"" + kind + "\"," +
                     (incident.empty() ? std::string() : "\"incident\":\"" + incident + "\",");
  int n = 0;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    auto at_key = line.find(",\"at\":");
    if (at_key == std::string::npos || line.compare(at_key + 1, head.size(), head) != 0) continue;
    if (incident.empty() && line.compare(at_key + 1 + head.size(), 11, "\"incident\":") == 0) continue;
    n += line.find(detail) != std::string::npos;
  }
  return n;
}

int count_kind(const std::string& out, const std::string& kind) {
  int n = 0;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) n += line.find(",\"kind\":\"" + kind + "\",") != std::string::npos;
  return n;
}

}  // namespace

TEST_CASE("day: replayed under both engines, it gives the golden decisions byte for byte, and its trails verify", "[demo]") {
  TempDir dir;
  Replay jit = replay_day("jit", dir);
  Replay interp = replay_day("interp", dir);
  CHECK(jit.out == interp.out);
  CHECK(jit.head == interp.head);
  CHECK(jit.timelines == interp.timelines);
  fs::path expected = fs::path(WRIT_TESTS_DIR) / "golden" / "demo" / "day.expected";
  auto result = writ::test::check_golden({"day", fs::path(WRIT_SOURCE_DIR) / kEvents, expected}, jit.out);
  INFO(result.message);
  CHECK(result.ok);
}

TEST_CASE("day: each scene gives the decision it is written for", "[demo]") {
  TempDir dir;
  std::string out = replay_day("jit", dir).out;

  SECTION("noise: every low-severity alert outside the critical services is suppressed") {
    CHECK(count_kind(out, "suppressed") == 207);
    CHECK(out.find("\"kind\":\"sla.started\",\"incident\":\"MON-") == std::string::npos);
  }
  SECTION("INC-5101: the triage clock starts at the Brussels opening; triage and vendor are in time") {
    CHECK(count(out, "06:42:00", "sla.started", "INC-5101", "\"deadline\":\"2026-12-17T07:15:00Z\"") == 1);
    CHECK(count(out, "07:07:30", "warn", "INC-5101", "\"percent\":50") == 1);
    CHECK(count(out, "07:09:00", "met", "INC-5101", "\"name\":\"triage\"") == 1);
    CHECK(count(out, "08:41:00", "met", "INC-5101", "\"name\":\"vendor_sla\"") == 1);
  }
  SECTION("INC-5102: still P3 after four hours, reclassified to P2") {
    CHECK(count(out, "12:20:00", "set", "INC-5102", "\"state.tier\":\"P2\"") == 1);
  }
  SECTION("INC-5103: the storm is correlated into it and a retried webhook is a duplicate") {
    CHECK(count_kind(out, "correlated") == 28);
    CHECK(count(out, "09:49:29", "rejected", "", "duplicate id `prom-88125`") == 1);
    CHECK(count(out, "09:49:00", "met", "INC-5103", "\"name\":\"triage\"") == 1);
  }
  SECTION("INC-5103: P1 at 09:50 but not yet major; major at 10:12 on two sites") {
    CHECK(count(out, "09:50:00", "classified", "INC-5103", "\"tier\":\"P1\"") == 1);
    CHECK(count(out, "09:50:00", "set", "INC-5103", "state.major") == 0);
    CHECK(count(out, "10:12:00", "set", "INC-5103", "\"state.major\":true") == 1);
    CHECK(count(out, "10:12:00", "notify", "INC-5103", "\"target\":\"crisis-management\"") == 1);
  }
  SECTION("INC-5103: permits deny the observer's severity change and the engineer's customer update") {
    CHECK(count(out, "09:52:00", "denied", "INC-5103", "(actor role \\\"observer\\\")") == 1);
    CHECK(count(out, "09:53:00", "denied", "INC-5103") == 0);
    CHECK(count(out, "10:40:00", "denied", "INC-5103", "(actor role \\\"sre\\\")") == 1);
    CHECK(count(out, "10:44:00", "denied", "INC-5103") == 0);
  }
  SECTION("INC-5103: the bridge is late, so the ladder climbs three levels until acknowledged") {
    CHECK(count(out, "10:22:00", "violation", "INC-5103", "\"name\":\"bridge_call\"") == 1);
    CHECK(count(out, "10:22:00", "notify", "INC-5103", "\"target\":\"on-call\"") == 1);
    CHECK(count(out, "10:37:00", "notify", "INC-5103", "\"target\":\"team-lead\"") == 1);
    CHECK(count(out, "10:52:00", "notify", "INC-5103", "\"target\":\"duty-executive\"") == 1);
    CHECK(count(out, "10:58:00", "escalation.stopped", "INC-5103") == 1);
    CHECK(count_kind(out, "escalation") == 4);
  }
  SECTION("INC-5103: the unsafe failover is refused with both reasons, the safe one passes") {
    CHECK(count(out, "10:32:00", "denied", "INC-5103", "replication lag 42s exceeds 5s") == 1);
    CHECK(count(out, "10:32:00", "denied", "INC-5103", "data consistency not confirmed") == 1);
    CHECK(count(out, "11:05:00", "denied", "INC-5103") == 0);
  }
  SECTION("INC-5103: one lapse of the status page, then updates in time") {
    CHECK(count(out, "11:14:00", "violation", "INC-5103", "\"name\":\"status_page\"") == 1);
    CHECK(count(out, "11:14:00", "notify", "INC-5103", "\"target\":\"communications-lead\"") == 1);
    CHECK(count_kind(out, "violation") == 2);
  }
  SECTION("INC-5103: the temporary fix needs an expiry and a follow-up") {
    CHECK(count(out, "11:30:00", "denied", "INC-5103", "a temporary fix needs an expiry time") == 1);
    CHECK(count(out, "11:30:00", "denied", "INC-5103", "a temporary fix needs a follow-up ticket") == 1);
    CHECK(count(out, "11:34:00", "denied", "INC-5103") == 0);
  }
  SECTION("INC-5103: resolution waits for the health checks, then starts the freeze and the postmortem") {
    CHECK(count(out, "12:20:00", "denied", "INC-5103", "health checks have not passed") == 1);
    CHECK(count(out, "12:35:00", "denied", "INC-5103") == 0);
    CHECK(count(out, "12:35:00", "freeze.started", "INC-5103", "\"to\":\"2026-12-19T12:35:00Z\"") == 1);
    CHECK(count(out, "12:35:00", "obligation.started", "INC-5103", "\"name\":\"postmortem\"") == 1);
    CHECK(count(out, "12:35:00", "obligation.stopped", "INC-5103", "\"name\":\"status_page\"") == 1);
  }
  SECTION("INC-5103: the network vendor answers late and a breach ticket is opened") {
    CHECK(count(out, "12:48:00", "breach", "INC-5103", "\"name\":\"vendor_sla\"") == 1);
    CHECK(count(out, "12:48:00", "ticket", "INC-5103", "\"target\":\"vendor-sla-breach\"") == 1);
  }
  SECTION("changes: free in the morning; in the freeze only the CAB chair's emergency passes") {
    CHECK(count(out, "08:05:00", "blocked", "") == 0);
    CHECK(count(out, "14:10:00", "blocked", "", "freeze `post_major`") == 1);
    CHECK(count(out, "14:40:00", "blocked", "", "freeze `post_major`") == 1);
    CHECK(count(out, "15:05:00", "blocked", "") == 0);
    CHECK(count_kind(out, "blocked") == 2);
  }
  SECTION("INC-5107: untriaged, the SLA breaches and the ladder stops at its first level") {
    CHECK(count(out, "13:55:00", "breach", "INC-5107", "\"name\":\"triage\"") == 1);
    CHECK(count(out, "13:55:00", "notify", "INC-5107", "\"target\":\"on-call\"") == 1);
    CHECK(count(out, "14:02:00", "escalation.stopped", "INC-5107") == 1);
  }
  SECTION("INC-5108: the triage clock stands still after closing time") {
    CHECK(count(out, "16:50:00", "sla.started", "INC-5108", "\"deadline\":\"2026-12-18T07:05:00Z\"") == 1);
    CHECK(count(out, "17:35:00", "met", "INC-5108", "\"elapsed\":\"10m\"") == 1);
  }
  SECTION("the chat bot's misspelt event type is rejected and the day goes on") {
    CHECK(count_kind(out, "rejected") == 2);
    CHECK(out.find("unknown event type \\\"incident.acknowleged\\\"") != std::string::npos);
  }
}

#ifdef WRIT_PYTHON
TEST_CASE("day: the committed events are what the seeded generator writes", "[demo]") {
  auto r = writ::test::run_process(WRIT_PYTHON, {std::string(WRIT_SOURCE_DIR) + "/examples/day/generate.py"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == writ::test::read_text(fs::path(WRIT_SOURCE_DIR) / kEvents));
}

TEST_CASE("day: the summary names the blocked changes and the refused failover", "[demo]") {
  TempDir dir;
  std::string decisions = dir.write("decisions.jsonl", replay_day("jit", dir).out);
  auto r = writ::test::run_process(
      WRIT_PYTHON, {std::string(WRIT_SOURCE_DIR) + "/examples/day/summary.py", std::string(WRIT_SOURCE_DIR) + "/" + kEvents,
                    decisions});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("INC-5103  P1  opened 09:40, resolved 12:35, 29 alert(s)  MAJOR") != std::string::npos);
  CHECK(r.out.find("change CHG-3303 (standard, role change_manager): blocked by freeze `post_major`") !=
        std::string::npos);
  CHECK(r.out.find("failover.requested (role dba): replication lag 42s exceeds 5s; data consistency not confirmed") !=
        std::string::npos);
  CHECK(r.out.find("obligation postmortem: postmortem.held due by 2026-12-20T12:35:00Z") != std::string::npos);
}
#endif

TEST_CASE("day: the test blocks of the demo's policy pass under both engines", "[demo]") {
  InSourceFolder here;
  auto r = run_writ({"test", "--stdlib", "stdlib", "tests/fixtures/language", "examples/day/resolution.writ"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("6 passed, 0 failed") != std::string::npos);
}
