// `writ report` end to end: a small policy replayed with an audit trail, then its figures
// per quarter and group as text, JSON and HTML, and the refusals.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "support/run_process.hpp"

using writ::test::run_writ;
using writ::test::TempDir;

namespace {

constexpr const char* kPolicy = R"(policy desk

enum Tier { Low, High }

event ticket.opened { tier: Tier }
event ticket.waiting {}
event ticket.resolved {}

state {
  tier: Tier = Low
}

classify tier on ticket.opened {
  otherwise => event.tier
}

sla fix within 2h {
  start on ticket.opened
  pause on ticket.waiting
  stop on ticket.resolved
}

escalation chase {
  level 1 after 30m: notify "lead"
  level 2 after 30m: notify "head"
  stop on ticket.resolved
}

rule chase_high on ticket.opened when event.tier == High {
  escalate chase
}

measure time_to_fix from ticket.opened to ticket.resolved
)";

// A in 2026-Q1 (High, fixed after 1h40m: the ladder reaches level 2 at 1h); B in 2026-Q1
// (Low, fixed after 3h: breached); C in 2026-Q2 (Low, waits, fixed after 5h: met, the SLA
// paused); D in 2026-Q2 (Low, fixed after 1h); one line rejected.
constexpr const char* kEvents =
    R"({"type":"ticket.opened","at":"2026-03-30T08:00:00Z","incident":"A","tier":"High"}
{"type":"ticket.opened","at":"2026-03-30T09:00:00Z","incident":"B","tier":"Low"}
{"type":"ticket.resolved","at":"2026-03-30T09:40:00Z","incident":"A"}
{"type":"ticket.resolved","at":"2026-03-30T12:00:00Z","incident":"B"}
{"type":"ticket.opened","at":"2026-04-01T08:00:00Z","incident":"C","tier":"Low"}
{"type":"ticket.opened","at":"2026-04-01T08:30:00Z","incident":"D","tier":"Low"}
{"type":"ticket.waiting","at":"2026-04-01T09:00:00Z","incident":"C"}
{"type":"ticket.resolved","at":"2026-04-01T09:30:00Z","incident":"D"}
{"type":"ticket.bogus","at":"2026-04-01T10:00:00Z","incident":"D"}
{"type":"ticket.resolved","at":"2026-04-01T13:00:00Z","incident":"C"}
)";

struct Replayed {
  TempDir dir;
  std::string trail;
  Replayed() : trail(dir.path() + "/trail.db") {
    std::string policy = dir.write("desk.writ", kPolicy);
    std::string events = dir.write("events.jsonl", kEvents);
    auto r = run_writ({"replay", "--policy", policy, "--events", events, "--audit", trail});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("report: --json gives the figures per quarter and group", "[cli][report]") {
  Replayed run;
  auto r = run_writ({"report", run.trail, "--json", "--by", "tier"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string& j = r.out;
  CHECK(j.find(R"("group_by":"state.tier","time_unit":"ms")") != std::string::npos);
  CHECK(j.find(R"("events":{"accepted":9,"rejected":1,"emitted":0},"incidents":4)") != std::string::npos);
  // 2026-Q1 High: A alone, fixed in 1h40m; the ladder fired level 1 at 30m and level 2 at 1h.
  CHECK(j.find(R"({"quarter":"2026-Q1","group":"High","incidents":1,)"
               R"("measures":{"time_to_fix":{"count":1,"median_ms":6000000,"mean_ms":6000000,"p90_ms":6000000}},)"
               R"("slas":{"fix":{"started":1,"met":1,"breached":0,)"
               R"("elapsed":{"count":1,"median_ms":6000000,"mean_ms":6000000,"p90_ms":6000000}}},)"
               R"("ladders":{"chase":{"1":1,"2":1}},"rules":{"chase_high":1},"obligations":{}})") != std::string::npos);
  // 2026-Q1 Low: B, breached at 2h and stopped at 3h.
  CHECK(j.find(R"({"quarter":"2026-Q1","group":"Low","incidents":1,)"
               R"("measures":{"time_to_fix":{"count":1,"median_ms":10800000,"mean_ms":10800000,"p90_ms":10800000}},)"
               R"("slas":{"fix":{"started":1,"met":0,"breached":1,)") != std::string::npos);
  // 2026-Q2 Low: C (5h, of which 1h on the SLA clock) and D (1h): an even count.
  CHECK(j.find(R"({"quarter":"2026-Q2","group":"Low","incidents":2,)"
               R"("measures":{"time_to_fix":{"count":2,"median_ms":10800000,"mean_ms":10800000,"p90_ms":18000000}},)"
               R"("slas":{"fix":{"started":2,"met":2,"breached":0,)"
               R"("elapsed":{"count":2,"median_ms":3600000,"mean_ms":3600000,"p90_ms":3600000}}},)"
               R"("ladders":{"chase":{}},"rules":{"chase_high":0})") != std::string::npos);
  // All quarters, Low: B, C and D.
  CHECK(j.find(R"({"group":"Low","incidents":3,)"
               R"("measures":{"time_to_fix":{"count":3,"median_ms":10800000,"mean_ms":10800000,"p90_ms":18000000}},)") !=
        std::string::npos);
}

TEST_CASE("report: text by default, grouped by state.impact unless --by names another field", "[cli][report]") {
  Replayed run;
  auto text = run_writ({"report", run.trail, "--by", "tier"});
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.rfind(run.trail + ": ", 0) == 0);
  CHECK(text.out.find("input events: 9 accepted, 1 rejected; 0 emitted; 4 incidents, grouped by state.tier") !=
        std::string::npos);
  CHECK(text.out.find("2026-Q1 tier=High: 1 incident(s)\n"
                      "  measure time_to_fix: 1 values, median 1h40m, mean 1h40m, p90 1h40m\n") != std::string::npos);
  CHECK(text.out.find("  ladder chase: level 1: 1, level 2: 1\n") != std::string::npos);
  CHECK(text.out.find("all quarters tier=Low: 3 incident(s)\n") != std::string::npos);

  // The policy classifies no `impact`: every incident is in group "-".
  auto ungrouped = run_writ({"report", run.trail});
  REQUIRE(ungrouped.exit_code == 0);
  CHECK(ungrouped.out.find("grouped by state.impact\n") != std::string::npos);
  CHECK(ungrouped.out.find("2026-Q2 impact=-: 2 incident(s)\n") != std::string::npos);
}

TEST_CASE("report: --html writes one self-contained page with SVG charts", "[cli][report]") {
  Replayed run;
  std::string page = run.dir.path() + "/report.html";
  auto r = run_writ({"report", run.trail, "--by", "tier", "--html", page});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::string html = read_file(page);
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("<svg") != std::string::npos);
  CHECK(html.find("<title>Median time_to_fix</title>") != std::string::npos);
  CHECK(html.find("<title>SLA fix: breaches</title>") != std::string::npos);
  CHECK(html.find("<td>2026-Q1</td><td>High</td><td>1</td>") != std::string::npos);
  // Nothing is fetched: no script, no link, no URL other than the SVG namespace.
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
}

TEST_CASE("report: refuses what is not a trail, and an HTML file it cannot write", "[cli][report]") {
  TempDir dir;
  auto missing = run_writ({"report", dir.path() + "/missing.db"});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err == "writ report: " + dir.path() + "/missing.db: no such file\n");
  std::string text = dir.write("notes.txt", std::string(3000, 'n'));
  auto noise = run_writ({"report", text});
  CHECK(noise.exit_code == 2);
  CHECK(noise.err.find("not a Writ audit trail") != std::string::npos);

  Replayed run;
  auto unwritable = run_writ({"report", run.trail, "--html", run.dir.path() + "/no/such/dir/r.html"});
  CHECK(unwritable.exit_code == 1);
  CHECK(unwritable.err == "writ report: cannot write " + run.dir.path() + "/no/such/dir/r.html\n");
}
