#pragma once
// Runs the `test` blocks of a policy set (`writ test`): each test on a fresh engine, its
// events fed through the JSON decoder like any input, each `expect` checked against what the
// engine decided since the previous `at` step.
#include <string>
#include <vector>

#include "compiler/plan.hpp"
#include "compiler/routine.hpp"
#include "compiler/test_plan.hpp"

namespace writ::runtime {

struct TestOutcome {
  std::string name;
  compiler::SourceRef where;
  // One line per failed expectation: `file:line:col: expect ...: what happened instead`.
  std::vector<std::string> failures;
  bool passed() const { return failures.empty(); }
};

TestOutcome run_test(const compiler::TestCase& test, const compiler::Plan& plan, compiler::RoutineEvaluator& routines,
                     const std::string& policy_hash);

}  // namespace writ::runtime
