#include "compiler/plan_builder.hpp"

#include <catch2/catch.hpp>
#include <set>

#include "tests/support/checked_program.hpp"

namespace {

using namespace writ;
using compiler::ConstructKind;
using compiler::Plan;
using compiler::TriggerStep;

struct Built {
  std::unique_ptr<test::CheckedProgram> checked;
  std::unique_ptr<Plan> plan;
  std::vector<compiler::CompileError> errors;
};

Built build(std::unique_ptr<test::CheckedProgram> checked) {
  Built b;
  b.checked = std::move(checked);
  REQUIRE(b.checked->ok);
  auto result = compiler::build_plan(b.checked->program, b.checked->sources);
  if (auto* plan = std::get_if<std::unique_ptr<Plan>>(&result)) b.plan = std::move(*plan);
  else b.errors = std::get<std::vector<compiler::CompileError>>(result);
  return b;
}

Built language_fixtures() { return build(test::check_paths({std::string(WRIT_TESTS_DIR) + "/fixtures/language"})); }

const compiler::ConstructInfo& construct(const Plan& plan, std::uint32_t index) { return plan.constructs.at(index); }

}  // namespace

TEST_CASE("plan: the LANGUAGE.md policy compiles without errors") {
  Built b = language_fixtures();
  for (const auto& e : b.errors) FAIL_CHECK(e.message);
  REQUIRE(b.plan);
  CHECK(b.plan->events.size() >= 15);
}

TEST_CASE("plan: incident.updated classifies, then runs its rule, in the apply routine") {
  Built b = language_fixtures();
  REQUIRE(b.plan);
  const auto* e = b.plan->event("incident.updated");
  REQUIRE(e);
  REQUIRE(e->classify.size() == 1);
  CHECK(e->classify[0].field == "tier");
  CHECK(e->classify[0].rows.size() == 4);
  CHECK(e->classify[0].rows[3].text == "otherwise => P4");
  REQUIRE(e->rules.size() == 1);
  CHECK(construct(*b.plan, e->rules[0].construct).name == "declare_major");
  CHECK(construct(*b.plan, e->rules[0].construct).text ==
        "rule declare_major on incident.updated when (((state.tier == P1) and (age >= 30m)) or event.data_exposure) or "
        "(event.locations >= 2)");
  CHECK(e->rules[0].actions.routine == e->apply);
  REQUIRE(e->rules[0].actions.actions.size() == 3);
  CHECK(e->rules[0].actions.actions[0].target == "state.major");
  CHECK(e->rules[0].actions.actions[2].target == "major.declared");
  CHECK(e->screen == -1);
  CHECK(e->admit == -1);
}

TEST_CASE("plan: guards keep every deny clause with its reason") {
  Built b = language_fixtures();
  REQUIRE(b.plan);
  const auto* e = b.plan->event("failover.requested");
  REQUIRE(e);
  REQUIRE(e->guards.size() == 1);
  REQUIRE(e->guards[0].denies.size() == 2);
  const auto& reason = e->guards[0].denies[0].reason;
  REQUIRE(reason.parts.size() == 3);
  CHECK(std::get<std::string>(reason.parts[0]) == "replication lag ");
  CHECK(std::get<compiler::SlotRef>(reason.parts[1]).type.kind == compiler::ValueType::Kind::Duration);
  CHECK(e->admit >= 0);
}

TEST_CASE("plan: freezes, permits and timer clauses land on their event types") {
  Built b = language_fixtures();
  REQUIRE(b.plan);
  const auto* change = b.plan->event("change.requested");
  REQUIRE(change);
  CHECK(change->freezes.size() == 2);
  CHECK(change->freezes[0].unless_bit.has_value());
  REQUIRE(b.plan->freezes.size() == 2);
  CHECK(b.plan->freezes[1].from_ms.has_value());

  const auto* severity = b.plan->event("severity.change");
  REQUIRE(severity);
  CHECK(severity->has_permits);

  const auto* alert = b.plan->event("alert.received");
  REQUIRE(alert);
  CHECK(alert->suppress.size() == 1);
  CHECK(alert->correlate.size() == 1);
  CHECK(alert->correlate[0].window_ms == 5 * 60'000);
  bool sla_start = false, timer_arm = false, measure_from = false;
  for (const TriggerStep& t : alert->triggers) {
    sla_start |= t.kind == TriggerStep::Kind::SlaStart && t.bit && t.duration;
    timer_arm |= t.kind == TriggerStep::Kind::TimerRuleArm && t.duration && !t.bit;
    measure_from |= t.kind == TriggerStep::Kind::MeasureFrom;
  }
  CHECK(sla_start);
  CHECK(timer_arm);
  CHECK(measure_from);

  const auto* responded = b.plan->event("vendor.responded");
  REQUIRE(responded);
  REQUIRE(responded->triggers.size() == 1);
  CHECK(responded->triggers[0].started_routine >= 0);
}

TEST_CASE("plan: ladders, obligations and SLAs have their timer routines") {
  Built b = language_fixtures();
  REQUIRE(b.plan);
  REQUIRE(b.plan->ladders.size() == 1);
  const auto& ladder = b.plan->ladders[0];
  CHECK(ladder.levels.size() == 3);
  CHECK(ladder.repeat_count == 2);
  CHECK(ladder.repeat_delay.has_value());
  CHECK(ladder.delays_routine >= 0);
  REQUIRE(b.plan->slas.size() == 2);
  CHECK(b.plan->slas[0].warns.size() == 2);
  CHECK(b.plan->slas[0].warns[0].percent == 50);
  CHECK(b.plan->slas[0].calendar >= 0);
  CHECK(b.plan->slas[0].breach->actions[0].kind == compiler::ActionPlan::Kind::Escalate);
  CHECK(b.plan->slas[0].breach->actions[0].target_index == 0);
  REQUIRE(b.plan->obligations.size() == 3);
  CHECK(b.plan->obligations[1].while_routine >= 0);
  CHECK(b.plan->obligations[1].recurring);
  CHECK(b.plan->timer_rules.size() == 1);
  CHECK(b.plan->measures.size() == 2);
}

TEST_CASE("plan: state fields start at their declared values") {
  Built b = language_fixtures();
  REQUIRE(b.plan);
  bool tier = false;
  for (const auto& v : b.plan->state_initial) {
    if (v.field->name == "tier") tier = v.scalar == 3;  // P4
  }
  CHECK(tier);
}

TEST_CASE("plan: every routine symbol is unique") {
  Built b = language_fixtures();
  REQUIRE(b.plan);
  std::set<std::string> names;
  for (const auto& r : b.plan->routines) CHECK(names.insert(r.name).second);
}

TEST_CASE("plan: clauses, ladder delays, actions and reasons carry their normalized text") {
  Built b = language_fixtures();
  REQUIRE(b.plan);
  const auto* alert = b.plan->event("alert.received");
  REQUIRE(alert);
  bool sla_start = false, timer_arm = false;
  for (const TriggerStep& t : alert->triggers) {
    if (t.kind == TriggerStep::Kind::SlaStart) {
      sla_start = t.text == "start on alert.received when event.severity <= 2" && t.duration_text == "15m";
    }
    if (t.kind == TriggerStep::Kind::TimerRuleArm) timer_arm = t.text == "on 4h after alert.received" && t.duration_text == "4h";
  }
  CHECK(sla_start);
  CHECK(timer_arm);
  const auto* bridge = b.plan->event("bridge.opened");
  REQUIRE(bridge);
  REQUIRE(bridge->triggers.size() == 1);
  CHECK(bridge->triggers[0].text ==
        R"(require bridge.opened where event.participants contains all {"network", "database", "application"})");
  const auto& ladder = b.plan->ladders.at(0);
  CHECK(ladder.levels[0].delay_text.empty());
  CHECK(ladder.levels[1].delay_text == "15m");
  CHECK(ladder.levels[1].where.line == 63);
  CHECK(ladder.repeat_delay_text == "15m");
  const auto* guards = b.plan->event("failover.requested");
  REQUIRE(guards);
  CHECK(guards->guards[0].denies[0].text ==
        R"(deny when event.replication_lag > 5s because "replication lag {event.replication_lag} exceeds 5s")");
}

TEST_CASE("plan: actions in normalized form and constructs with their annotations") {
  Built b = build(test::check_text(R"(policy p
event x.happened { n: int }
state { total: int = 0 }
@owner("ops") @rationale("why")
rule r on x.happened {
  set total = state.total + event.n * 2
  audit "now {state.total - event.n * 2}"
}
)"));
  REQUIRE(b.plan);
  const auto* e = b.plan->event("x.happened");
  REQUIRE(e);
  REQUIRE(e->rules.size() == 1);
  const auto& actions = e->rules[0].actions.actions;
  CHECK(actions.at(0).text == "set total = state.total + (event.n * 2)");
  CHECK(actions.at(1).text == R"(audit "now {state.total - (event.n * 2)}")");
  CHECK(construct(*b.plan, e->rules[0].construct).annotations ==
        std::vector<std::string>{R"(@owner("ops"))", R"(@rationale("why"))"});
}
