// Engine-wide instances (docs/semantics.md): what a global event arms runs once for the
// engine, its decisions carry no incident, a global event reaches every open incident's
// running instances in incident order, engine-wide timers fire before an incident's at the
// same time, ignored re-triggers leave a decision, and both engines decide byte for byte
// alike. The behaviour per construct is pinned by tests/fixtures/engine/globals.writ.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "compiler/compiled_policy.hpp"
#include "runtime/engine.hpp"
#include "runtime/event_decoder.hpp"
#include "tests/support/checked_program.hpp"
#include "tests/support/text_file.hpp"

using writ::test::slurp;

namespace {

using namespace writ;

std::string fixture(const std::string& name) { return std::string(WRIT_TESTS_DIR) + "/fixtures/engine/" + name; }

std::unique_ptr<compiler::CompiledPolicy> compile(const std::string& text, compiler::EngineKind engine) {
  auto checked = test::check_texts({{"globals_test.writ", text}});
  INFO(checked->rendered());
  REQUIRE(checked->ok);
  auto compiled = compiler::compile_policy(checked->program, checked->sources, engine);
  REQUIRE(std::holds_alternative<std::unique_ptr<compiler::CompiledPolicy>>(compiled));
  return std::move(std::get<std::unique_ptr<compiler::CompiledPolicy>>(compiled));
}

// Every decision of `events` (JSON lines), then of the timers up to `until` (ms), with the
// engine that decided them: decisions view texts it owns (runtime/decision.hpp).
struct Replayed {
  std::unique_ptr<runtime::Engine> engine;
  std::vector<runtime::Decision> decisions;
};

Replayed replay(const compiler::CompiledPolicy& policy, const std::vector<std::string>& events, std::int64_t until) {
  Replayed out;
  out.engine = std::make_unique<runtime::Engine>(*policy.plan, *policy.routines, policy.hash,
                                                 [&](const runtime::Decision& d) { out.decisions.push_back(d); });
  runtime::EventDecoder decoder(policy.plan->layouts, out.engine->strings());
  for (const std::string& line : events) {
    auto decoded = decoder.decode(line);
    REQUIRE(std::holds_alternative<runtime::DecodedEvent>(decoded));
    out.engine->submit(std::get<runtime::DecodedEvent>(std::move(decoded)));
  }
  out.engine->advance_to(until);
  return out;
}

std::vector<const runtime::Decision*> of_kind(const std::vector<runtime::Decision>& all, const std::string& kind,
                                              const std::string& name) {
  std::vector<const runtime::Decision*> out;
  for (const auto& d : all) {
    if (d.kind == kind && d.name == name) out.push_back(&d);
  }
  return out;
}

constexpr std::int64_t kHour = 3'600'000;
constexpr std::int64_t kStart = 1'793'955'600'000;  // 2026-11-06T09:00:00Z

const char* const kPolicy = R"(policy engine_wide
event finding.raised global { finding: string }
event policy.updated global { reference: string }
event alert.received { severity: int }
event incident.resolved {}
state { major: bool = false }

obligation remediated {
  after finding.raised
  require policy.updated within 2h where event.reference == started.finding
  violation { notify "governance" message "{started.finding} open" }
}

obligation lessons {
  after incident.resolved
  require policy.updated within 2h
  violation { notify "problem-manager" }
}

escalation path {
  level 1: notify "on-call"
  level 2 after 1h: notify "lead"
}

rule page on alert.received { escalate path }
rule page_all on finding.raised { escalate path }
)";

std::string at(std::int64_t ms) {
  std::int64_t minutes = (ms - kStart) / 60'000;
  char text[32];
  std::snprintf(text, sizeof text, "2026-11-06T%02lld:%02lld:00Z", static_cast<long long>(9 + minutes / 60),
                static_cast<long long>(minutes % 60));
  return text;
}

}  // namespace

TEST_CASE("engine-wide: a global event meets every open incident's pending instance, in incident order") {
  auto policy = compile(kPolicy, compiler::EngineKind::Interpreter);
  auto [engine, decisions] = replay(*policy,
                          {R"({"type":"incident.resolved","at":")" + at(kStart) + R"(","incident":"INC-2"})",
                           R"({"type":"incident.resolved","at":")" + at(kStart) + R"(","incident":"INC-1"})",
                           R"({"type":"policy.updated","at":")" + at(kStart + kHour) + R"(","reference":"PIR"})"},
                          kStart + 3 * kHour);
  auto met = of_kind(decisions, "met", "lessons");
  REQUIRE(met.size() == 2);
  CHECK(met[0]->incident == "INC-1");
  CHECK(met[1]->incident == "INC-2");
  CHECK(of_kind(decisions, "violation", "lessons").empty());
}

TEST_CASE("engine-wide: an instance armed by a global event is one for the engine, with no incident") {
  auto policy = compile(kPolicy, compiler::EngineKind::Interpreter);
  auto [engine, decisions] = replay(*policy,
                          {R"({"type":"alert.received","at":")" + at(kStart) + R"(","incident":"INC-1","severity":1})",
                           R"({"type":"finding.raised","at":")" + at(kStart) + R"(","finding":"IA-1"})",
                           R"({"type":"finding.raised","at":")" + at(kStart + 30 * 60'000) + R"(","finding":"IA-2"})"},
                          kStart + 3 * kHour);
  auto started = of_kind(decisions, "obligation.started", "remediated");
  REQUIRE(started.size() == 1);
  CHECK(started[0]->incident.empty());
  CHECK(runtime::to_json(*started[0], policy->hash).find("\"incident\"") == std::string::npos);
  // The second finding leaves the pending instance and its deadline as they are.
  auto ignored = of_kind(decisions, "obligation.ignored", "remediated");
  REQUIRE(ignored.size() == 1);
  CHECK(ignored[0]->at == kStart + 30 * 60'000);
  auto violation = of_kind(decisions, "violation", "remediated");
  REQUIRE(violation.size() == 1);
  CHECK(violation[0]->at == kStart + 2 * kHour);
  CHECK(violation[0]->incident.empty());
  CHECK(of_kind(decisions, "escalation.ignored", "path").size() == 1);  // the second finding
  // Level 2 of the engine-wide run and of INC-1's, due together: the engine-wide one first,
  // though INC-1's timer was set first.
  auto levels = of_kind(decisions, "escalation", "path");
  REQUIRE(levels.size() == 4);
  CHECK(levels[2]->at == kStart + kHour);
  CHECK(levels[2]->incident.empty());
  CHECK(levels[3]->at == kStart + kHour);
  CHECK(levels[3]->incident == "INC-1");
}

TEST_CASE("engine-wide: the globals fixture decides byte for byte alike under both engines") {
  std::vector<std::string> events;
  std::istringstream in(slurp(fixture("globals.events.jsonl")));
  for (std::string line; std::getline(in, line);) events.push_back(line);
  auto lines = [&](compiler::EngineKind kind) {
    auto checked = test::check_paths({fixture("globals.writ")});
    REQUIRE(checked->ok);
    auto compiled = compiler::compile_policy(checked->program, checked->sources, kind);
    REQUIRE(std::holds_alternative<std::unique_ptr<compiler::CompiledPolicy>>(compiled));
    auto& policy = *std::get<std::unique_ptr<compiler::CompiledPolicy>>(compiled);
    std::vector<std::string> out;
    auto run = replay(policy, events, kStart + 60 * 24 * kHour);
    for (const auto& d : run.decisions) out.push_back(runtime::to_json(d, policy.hash));
    return out;
  };
  auto jit = lines(compiler::EngineKind::Jit);
  auto interp = lines(compiler::EngineKind::Interpreter);
  CHECK(jit.size() > 60);
  CHECK(jit == interp);
}
