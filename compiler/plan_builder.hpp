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

struct PlanOptions {
  // Give every construct the fields its conditions read (the Plan's FieldReads), with steps
  // that copy them into slots just before each condition, for decisions' audit records. Off,
  // every FieldReads is empty and no routine copies anything: an untraced run does not pay
  // for values no one will record.
  bool record_reads = false;
};

std::variant<std::unique_ptr<Plan>, std::vector<CompileError>> build_plan(const lang::Program& program,
                                                                          const lang::SourceManager& sources,
                                                                          PlanOptions options = {});

}  // namespace writ::compiler
