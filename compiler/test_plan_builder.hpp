#pragma once
// Compiles a checked program's `test` blocks into TestCases (test_plan.hpp).
#include <variant>
#include <vector>

#include "compiler/lower_expr.hpp"
#include "compiler/test_plan.hpp"
#include "lang/program.hpp"
#include "lang/source.hpp"

namespace writ::compiler {

// The tests of the root unit's modules (a policy set's own tests, not its imports'), in
// program order.
std::variant<std::vector<TestCase>, std::vector<CompileError>> build_tests(const lang::Program& program,
                                                                           const lang::SourceManager& sources);

}  // namespace writ::compiler
