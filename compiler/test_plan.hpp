#pragma once
// `test` blocks compiled for the runtime's test runner (`writ test`): each step's event as
// JSON fields (fed through the same decoder as any input line) and each expectation with
// the names and values it compares, so the runner never reads the AST (test_plan_builder.hpp
// builds them from it).
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "compiler/plan.hpp"

namespace writ::compiler {

struct TestEvent {
  std::string type;
  // Every key the step gives (schema fields and the reserved `incident` and `id`), as JSON.
  std::vector<std::pair<std::string, std::string>> fields;
  std::optional<std::string> actor_id;
  std::optional<std::string> actor_role;
};

// `at TIME|+DURATION [TYPE {...} [as {...}]]`
struct TestAtPlan {
  SourceRef where;
  bool relative = false;
  std::int64_t when = 0;  // a time, or (relative) a duration after the previous step
  std::optional<TestEvent> event;
};

struct TestExpectPlan {
  enum class Kind {
    Notify, Denied, Allowed, Breach, Warn, Met, Violation, Blocked, Ticket, State, Global, Suppressed, Correlated, Measure
  };
  Kind kind = Kind::Allowed;
  bool negated = false;  // `expect no ...`: it must not have happened in the step
  SourceRef where;
  std::string text;                    // the expectation as written, canonical form
  std::string value;                   // Notify: recipient; Ticket: kind
  std::optional<std::string> because;  // Denied
  std::string name;                    // Breach/Warn/Met/Violation/Blocked/Measure: the construct (as ConstructInfo::name)
  std::string state_field;             // State, Global: the field
  std::string expected_json;           // State, Global, Measure: the expected value as the runtime prints it
};

struct TestCase {
  std::string name;
  SourceRef where;
  std::vector<std::variant<TestAtPlan, TestExpectPlan>> steps;
};

}  // namespace writ::compiler
