#pragma once
// Compiling a checked policy set into a Plan (plan.hpp). Reads only what the checker
// accepted; whatever this compiler cannot handle is a CompileError with its span, never a
// crash, and nothing reaches an engine unless the whole Plan was built.
#include <memory>
#include <variant>
#include <vector>

#include "compiler/lower_expr.hpp"
#include "compiler/plan.hpp"
#include "lang/program.hpp"
#include "lang/source.hpp"

namespace writ::compiler {

std::variant<std::unique_ptr<Plan>, std::vector<CompileError>> build_plan(const lang::Program& program,
                                                                          const lang::SourceManager& sources);

}  // namespace writ::compiler
