// The explanation of a policy set: normalized texts, constants and table rows, the numbered
// evaluation order of one event type, the hash, and that both renderings agree.
#include "compiler/explain.hpp"

#include <catch2/catch.hpp>
#include <functional>

#include "compiler/plan_builder.hpp"
#include "compiler/policy_hash.hpp"
#include "lang/json_writer.hpp"
#include "tests/support/checked_program.hpp"

namespace {

using namespace writ;
using compiler::ExplainItem;
using compiler::Explanation;

struct Explained {
  std::unique_ptr<test::CheckedProgram> checked;
  Explanation explanation;
  std::string listing;
};

Explained explain(std::unique_ptr<test::CheckedProgram> checked) {
  Explained out;
  out.checked = std::move(checked);
  INFO(out.checked->rendered());
  REQUIRE(out.checked->ok);
  auto built = compiler::build_plan(out.checked->program, out.checked->sources);
  auto* plan = std::get_if<std::unique_ptr<compiler::Plan>>(&built);
  REQUIRE(plan);
  out.explanation = compiler::explain(out.checked->program, out.checked->sources, **plan);
  out.listing = compiler::explain_listing(out.explanation);
  return out;
}

Explained explain_text(const std::string& text) { return explain(test::check_text(text)); }

const ExplainItem* find(const std::vector<ExplainItem>& items, const std::string& kind, const std::string& name) {
  for (const auto& item : items) {
    if (item.kind == kind && item.name == name) return &item;
  }
  return nullptr;
}

const ExplainItem& event_of(const Explanation& e, const std::string& type) {
  const ExplainItem* item = find(e.events, "event", type);
  REQUIRE(item);
  return *item;
}

// The numbered steps of an event type, depth first: `3.1 suppress`, ...
std::vector<std::string> steps(const ExplainItem& item) {
  std::vector<std::string> out;
  for (const ExplainItem& child : item.items) {
    if (!child.step.empty()) out.push_back(child.step + " " + child.kind);
    for (auto& s : steps(child)) out.push_back(s);
  }
  return out;
}

void each_item(const std::vector<ExplainItem>& items, const std::function<void(const ExplainItem&)>& visit) {
  for (const ExplainItem& item : items) {
    visit(item);
    each_item(item.items, visit);
  }
}

const char* kOneOfEach = R"(policy p
enum Risk { Low, High }
const limit = 3
event change.requested { change: string, risk: int, emergency: bool }
event change.approved {}
event change.done {}
state { risk: Risk = Low }
measure lead_time from change.requested to change.done
rule approve on change.requested when state.risk == Low { emit change.approved }
classify risk on change.requested {
  when event.risk >= limit => High
  otherwise => Low
}
guard risky on change.requested { deny when event.risk > 9 because "too risky" }
permit change.requested when actor.role == "cab"
freeze after_change {
  after change.done for 1h
  block change.requested
}
correlate change.requested by event.change within 10m
suppress change.requested when event.risk < 0
rule chase on 1h after change.requested { notify "cab" }
sla review within 30m {
  start on change.requested
  stop on change.approved
}
obligation record {
  after change.requested
  require change.done within 1d
}
)";

}  // namespace

TEST_CASE("explain: conditions and actions are fully parenthesised", "[compiler][explain]") {
  auto e = explain_text(R"(policy p
event x.happened { a: bool, b: bool, c: bool, n: int }
state { total: int = 0 }
rule r on x.happened when (event.a and event.b) or not event.c {
  set total = state.total + event.n * 2 - 1
  notify "ops" message "total {state.total + event.n * 2}"
}
guard g on x.happened { deny when event.n > 1 + 2 * 3 because "n is {event.n * 2}" }
)");
  CHECK(e.listing.find("rule r on x.happened when (event.a and event.b) or (not event.c)") != std::string::npos);
  CHECK(e.listing.find("set total = (state.total + (event.n * 2)) - 1") != std::string::npos);
  CHECK(e.listing.find(R"(notify "ops" message "total {state.total + (event.n * 2)}")") != std::string::npos);
  CHECK(e.listing.find(R"(deny when event.n > (1 + (2 * 3)) because "n is {event.n * 2}")") != std::string::npos);
}

TEST_CASE("explain: constants show their values and tables every row", "[compiler][explain]") {
  auto e = explain_text(R"(policy p
enum Tier { P1, P2 }
const base = 15m
const twice = base * 2
const teams = {"net", "db"}
const pick = lookup(P2)
table lookup: Tier -> duration {
  P1 => base
  P2 => 1h
  otherwise => 4h
}
event x.happened {}
state {
  tier: Tier = P2
  budget: duration = twice + 1m
}
)");
  CHECK(e.listing.find("const base = 15m  //") != std::string::npos);
  CHECK(e.listing.find("const twice = base * 2 (= 30m)  //") != std::string::npos);
  CHECK(e.listing.find(R"(const teams = {"net", "db"}  //)") != std::string::npos);
  CHECK(e.listing.find("const pick = lookup(P2) (= 1h)") != std::string::npos);
  CHECK(e.listing.find("table lookup: Tier -> duration  //") != std::string::npos);
  CHECK(e.listing.find("P1 => base (= 15m)  // policy.writ:8:3") != std::string::npos);
  CHECK(e.listing.find("P2 => 1h  // policy.writ:9:3") != std::string::npos);
  CHECK(e.listing.find("otherwise => 4h  // policy.writ:10:3") != std::string::npos);
  CHECK(e.listing.find("budget: duration = twice + 1m (= 31m)") != std::string::npos);
  CHECK(e.listing.find("tier: Tier = P2  //") != std::string::npos);
  CHECK(e.listing.find("enum Tier { P1, P2 }") != std::string::npos);
}

TEST_CASE("explain: one event type lists every construct in the runtime's order", "[compiler][explain]") {
  // Declared in the reverse of the evaluation order, so only the Plan's order can put
  // them right.
  auto e = explain_text(kOneOfEach);
  const ExplainItem& event = event_of(e.explanation, "change.requested");
  std::vector<std::string> expected{
      "1 timers",         "2 validate",        "3 stage",          "3.1 suppress",          "3.2 correlate",
      "3.3 freeze",       "3.4 permits",       "3.5 guard",        "4 stage",               "4.1 classify",
      "4.2 rule",         "4.3 measure from",  "4.4 timer rule arm", "4.5 sla start", "4.6 obligation after",
      "4.7 emitted",      "5 deliver"};
  CHECK(steps(event) == expected);
  CHECK(e.listing.find("4.7 then the events emitted above") != std::string::npos);
  CHECK(e.listing.find("change.approved, emitted by rule approve on change.requested") != std::string::npos);
  // The clauses another event type triggers are listed there.
  std::vector<std::string> done{"1 timers", "2 validate", "3 stage", "4 stage", "4.1 measure to", "4.2 freeze after",
                                "4.3 obligation require", "5 deliver"};
  CHECK(steps(event_of(e.explanation, "change.done")) == done);
}

TEST_CASE("explain: every line carries the location of what it shows", "[compiler][explain]") {
  auto e = explain_text(kOneOfEach);
  each_item(e.explanation.events, [](const ExplainItem& item) {
    bool located = item.kind == "note" || item.kind == "stage" || item.kind == "timers" || item.kind == "validate" ||
                   item.kind == "deliver" || item.kind == "permits" || item.kind == "emitted";
    CAPTURE(item.kind, item.text);
    CHECK(item.where.has_value() != located);
  });
  CHECK(e.listing.find("3.1 suppress change.requested when event.risk < 0  // policy.writ:21:1") != std::string::npos);
}

TEST_CASE("explain: an event type nothing applies to is one line and a note", "[compiler][explain]") {
  auto e = explain_text("policy p\nevent x.happened { n: int }\nevent y.happened {}\nrule r on y.happened { notify \"a\" }\n");
  const ExplainItem& quiet = event_of(e.explanation, "x.happened");
  REQUIRE(quiet.items.size() == 1);
  CHECK(quiet.items[0].kind == "note");
  CHECK(e.listing.find("event x.happened { n: int }  // policy.writ:2:1\n    -> no constructs apply") != std::string::npos);
}

TEST_CASE("explain: the hash is the policy hash and the output is the same every run", "[compiler][explain]") {
  auto first = explain(test::check_paths({std::string(WRIT_TESTS_DIR) + "/fixtures/language"}));
  auto second = explain(test::check_paths({std::string(WRIT_TESTS_DIR) + "/fixtures/language"}));
  std::string hash = compiler::policy_hash(first.checked->program, first.checked->sources);
  CHECK(first.explanation.policy_hash == hash);
  CHECK(first.listing.rfind("writ explain\npolicy hash: " + hash + "\n", 0) == 0);
  CHECK(first.listing == second.listing);
  CHECK(compiler::explain_json(first.explanation) == compiler::explain_json(second.explanation));
}

TEST_CASE("explain: the JSON holds every line of the listing", "[compiler][explain]") {
  auto e = explain(test::check_paths({std::string(WRIT_TESTS_DIR) + "/fixtures/language"}));
  std::string json = compiler::explain_json(e.explanation);
  CHECK(json.rfind(R"({"policy_hash":")" + e.explanation.policy_hash + "\",\"modules\":[", 0) == 0);
  std::size_t count = 0;
  for (const auto* part : {&e.explanation.modules, &e.explanation.declarations, &e.explanation.events,
                           &e.explanation.timers}) {
    each_item(*part, [&](const ExplainItem& item) {
      ++count;
      CAPTURE(item.text);
      CHECK(json.find("\"text\":" + lang::json_quote(item.text)) != std::string::npos);
    });
  }
  CHECK(count > 100);
}

TEST_CASE("explain: timers list SLA, ladder, obligation and freeze details", "[compiler][explain]") {
  auto e = explain(test::check_paths({std::string(WRIT_TESTS_DIR) + "/fixtures/language"}));
  const auto& timers = e.explanation.timers;
  const ExplainItem* ladder = find(timers, "escalation", "major_path");
  REQUIRE(ladder);
  std::string ladder_text;
  each_item(ladder->items, [&](const ExplainItem& item) { ladder_text += item.text + "\n"; });
  CHECK(ladder_text.find("level 2, 15m after the level before it:\n") != std::string::npos);
  CHECK(ladder_text.find("escalate major_path, in sla triage breach\n") != std::string::npos);
  CHECK(ladder_text.find("escalate major_path, in obligation bridge_call violation\n") != std::string::npos);
  CHECK(ladder_text.find("repeat 2 after 15m") != std::string::npos);
  const ExplainItem* freeze = find(timers, "freeze", "year_end");
  REQUIRE(freeze);
  CHECK(freeze->items.at(0).text == "active from 2026-12-20T00:00:00Z to 2027-01-04T00:00:00Z, engine-wide");
  const ExplainItem* sla = find(timers, "sla", "triage");
  REQUIRE(sla);
  CHECK(sla->items.at(0).text == "counted in the open hours of calendar business");
}

TEST_CASE("explain: says which clauses and obligations run engine-wide", "[compiler][explain]") {
  auto e = explain(test::check_paths({std::string(WRIT_TESTS_DIR) + "/fixtures/engine/globals.writ"}));
  INFO(e.listing);
  CHECK(e.listing.find("obligation finding_remediated: after finding.raised  // ") != std::string::npos);
  CHECK(e.listing.find("a global event belongs to no incident: this arms the construct's engine-wide instance") !=
        std::string::npos);
  CHECK(e.listing.find("a global event reaches the engine-wide instance and those of every open incident") !=
        std::string::npos);
  const ExplainItem* finding = find(e.explanation.timers, "obligation", "finding_remediated");
  REQUIRE(finding);
  CHECK(finding->items.at(0).text == "runs engine-wide, in no incident: its `after` event is global");
  const ExplainItem* roster = find(e.explanation.timers, "obligation", "roster_refresh");
  REQUIRE(roster);
  CHECK(roster->items.at(0).text.rfind("runs engine-wide while its `while` condition holds", 0) == 0);
  const ExplainItem* lessons = find(e.explanation.timers, "obligation", "lessons_adopted");
  REQUIRE(lessons);
  CHECK(lessons->items.at(0).text.rfind("runs engine-wide", 0) == std::string::npos);
}
