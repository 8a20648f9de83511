// What the Plan says a construct read, and which values are sensitive: the field lists the
// audit trail records (docs/audit.md, "The values of a record", "Sensitive values").
#include "compiler/plan_builder.hpp"

#include <catch2/catch.hpp>

#include "tests/support/checked_program.hpp"

namespace {

using namespace writ;

std::unique_ptr<compiler::Plan> plan_of(const std::string& name, std::unique_ptr<test::CheckedProgram>& checked) {
  checked = test::check_paths({std::string(WRIT_TESTS_DIR) + "/fixtures/engine/" + name});
  INFO(checked->rendered());
  REQUIRE(checked->ok);
  auto result = compiler::build_plan(checked->program, checked->sources);
  REQUIRE(std::holds_alternative<std::unique_ptr<compiler::Plan>>(result));
  return std::move(std::get<std::unique_ptr<compiler::Plan>>(result));
}

std::vector<std::string> names(const compiler::FieldReads& reads) {
  std::vector<std::string> out;
  for (const auto& r : reads) out.push_back(r.name + (r.value.sensitive ? "*" : "") + (r.present_slot ? "?" : ""));
  return out;
}

}  // namespace

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
