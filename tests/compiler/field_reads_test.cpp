// What the Plan says a construct read, and which values are sensitive: the field lists the
// audit trail records (docs/audit.md, "The values of a record", "Sensitive values").
#include "compiler/plan_builder.hpp"

#include <catch2/catch.hpp>

#include "tests/support/checked_program.hpp"

namespace {

using namespace writ;

std::unique_ptr<compiler::Plan> plan_of(const std::string& name, std::unique_ptr<test::CheckedProgram>& checked,
                                        bool record_reads = true) {
  checked = test::check_paths({std::string(WRIT_TESTS_DIR) + "/fixtures/engine/" + name});
  INFO(checked->rendered());
  REQUIRE(checked->ok);
  auto result = compiler::build_plan(checked->program, checked->sources, {.record_reads = record_reads});
  REQUIRE(std::holds_alternative<std::unique_ptr<compiler::Plan>>(result));
  return std::move(std::get<std::unique_ptr<compiler::Plan>>(result));
}

std::vector<std::string> names(const compiler::FieldReads& reads) {
  std::vector<std::string> out;
  for (const auto& r : reads) out.push_back(r.name + (r.value.sensitive ? "*" : "") + (r.present_slot ? "?" : ""));
  return out;
}

// Every FieldReads of the Plan.
std::vector<const compiler::FieldReads*> all_reads(const compiler::Plan& plan) {
  std::vector<const compiler::FieldReads*> out;
  for (const auto& [type, ep] : plan.events) {
    out.push_back(&ep.permit_reads);
    for (const auto& s : ep.suppress) out.push_back(&s.reads);
    for (const auto& c : ep.correlate) out.push_back(&c.reads);
    for (const auto& f : ep.freezes) out.push_back(&f.reads);
    for (const auto& g : ep.guards) out.push_back(&g.reads);
    for (const auto& c : ep.classify) out.push_back(&c.reads);
    for (const auto& r : ep.rules) out.push_back(&r.reads);
    for (const auto& t : ep.triggers) out.push_back(&t.reads);
  }
  for (const auto& t : plan.timer_rules) out.push_back(&t.reads);
  for (const auto& o : plan.obligations) out.push_back(&o.while_reads);
  return out;
}

std::size_t copy_steps(const compiler::Plan& plan) {
  std::size_t n = 0;
  for (const compiler::FieldReads* reads : all_reads(plan)) {
    for (const compiler::FieldRead& r : *reads) n += r.present_slot ? 2 : 1;
  }
  return n;
}

std::size_t steps(const compiler::Plan& plan) {
  std::size_t n = 0;
  for (const auto& r : plan.routines) n += r.steps.size();
  return n;
}

}  // namespace

TEST_CASE("field reads: a Plan built without record_reads lists none, and its routines copy none") {
  for (const char* fixture : {"sensitive.writ", "clocks.writ"}) {
    INFO(fixture);
    std::unique_ptr<test::CheckedProgram> checked, checked_off;
    auto with = plan_of(fixture, checked);
    auto without = plan_of(fixture, checked_off, false);
    CHECK(copy_steps(*with) > 0);
    for (const compiler::FieldReads* reads : all_reads(*without)) CHECK(reads->empty());
    // The same routines, less exactly the copy steps.
    CHECK(without->routines.size() == with->routines.size());
    CHECK(steps(*without) + copy_steps(*with) == steps(*with));
  }
}

TEST_CASE("field reads: each construct lists the fields its conditions read, sorted, each once") {
  std::unique_ptr<test::CheckedProgram> checked;
  auto plan = plan_of("sensitive.writ", checked);
  const compiler::EventPlan* change = plan->event("change.requested");
  REQUIRE(change);
  REQUIRE(change->guards.size() == 1);
  CHECK(names(change->guards[0].reads) == std::vector<std::string>{"event.emergency", "event.requester*", "global.frozen"});
  REQUIRE(change->rules.size() == 1);
  CHECK(change->rules[0].reads.empty());  // no condition

  auto clocks = plan_of("clocks.writ", checked);
  const compiler::EventPlan* responded = clocks->event("vendor.responded");
  REQUIRE(responded);
  REQUIRE(responded->triggers.size() == 1);
  // A condition reading `started.` is copied in its own routine.
  CHECK(responded->triggers[0].started_routine >= 0);
  CHECK(names(responded->triggers[0].reads) == std::vector<std::string>{"event.vendor", "started.vendor"});
  const compiler::EventPlan* engaged = clocks->event("vendor.engaged");
  REQUIRE(engaged);
  // The duration a clause computes is read too: `within vendor_response(event.vendor)`.
  CHECK(names(engaged->triggers.at(0).reads) == std::vector<std::string>{"event.vendor"});
  bool status_page = false;
  for (const auto& o : clocks->obligations) {
    if (o.while_routine < 0) continue;
    status_page = true;
    CHECK(names(o.while_reads) == std::vector<std::string>{"state.major", "state.resolved"});
  }
  CHECK(status_page);
}

TEST_CASE("field reads: values computed from a @sensitive field are marked, the others are not") {
  std::unique_ptr<test::CheckedProgram> checked;
  auto plan = plan_of("sensitive.writ", checked);
  CHECK(plan->layouts.event("change.requested")->find("requester")->sensitive);
  CHECK_FALSE(plan->layouts.event("change.requested")->find("change")->sensitive);

  const compiler::EventPlan* alert = plan->event("alert.received");
  REQUIRE(alert);
  REQUIRE(alert->rules.size() == 1);
  const auto& actions = alert->rules[0].actions.actions;
  REQUIRE(actions.size() == 2);
  CHECK(actions[0].value->sensitive);  // set contact = event.reporter
  CHECK(actions[1].message.sensitive());
  CHECK_FALSE(actions[1].value->sensitive);  // the recipient is a literal
  CHECK(names(alert->rules[0].reads) == std::vector<std::string>{"event.severity"});

  const auto& denies = plan->event("change.requested")->guards[0].denies;
  CHECK_FALSE(denies[0].reason.sensitive());
  CHECK(denies[1].reason.sensitive());
}
