#pragma once
// A policy set compiled and ready to run: its Plan, its hash, and the engine that runs the
// Plan's routines — native code from the JIT, or the reference interpreter. `Auto` is the
// JIT, falling back to the interpreter with a warning when the JIT cannot start or compile.
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "compiler/jit_session.hpp"
#include "compiler/lower_expr.hpp"
#include "compiler/plan.hpp"
#include "compiler/plan_builder.hpp"
#include "compiler/routine.hpp"
#include "lang/program.hpp"
#include "lang/source.hpp"

namespace writ::compiler {

enum class EngineKind { Jit, Interpreter, Auto };

struct CompiledPolicy {
  std::unique_ptr<Plan> plan;
  std::string hash;
  EngineKind engine = EngineKind::Interpreter;  // what runs: Jit or Interpreter
  std::string warning;                          // why Auto fell back to the interpreter
  std::unique_ptr<JitSession> session;          // declared before `routines`, so it outlives them
  std::unique_ptr<RoutineEvaluator> routines;
};

// `plan`: what the Plan carries beside the decisions (the reads an audit trail records).
std::variant<std::unique_ptr<CompiledPolicy>, std::vector<CompileError>> compile_policy(
    const lang::Program& program, const lang::SourceManager& sources, EngineKind engine, PlanOptions plan = {},
    OptLevel level = OptLevel::O2);

// `jit`, `interp`, `auto`; nullopt for anything else.
std::optional<EngineKind> parse_engine_kind(std::string_view text);
const char* engine_kind_name(EngineKind kind);

}  // namespace writ::compiler
