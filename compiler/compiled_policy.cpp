#include "compiler/compiled_policy.hpp"

#include "compiler/jit_routines.hpp"
#include "compiler/plan_builder.hpp"
#include "compiler/policy_hash.hpp"
#include "compiler/routine_interpreter.hpp"

namespace writ::compiler {

namespace {

// The JIT for the policy's routines, or why there is none.
std::string start_jit(CompiledPolicy& policy, OptLevel level) {
  auto session = JitSession::create(level);
  if (auto* error = std::get_if<std::string>(&session)) return *error;
  policy.session = std::move(std::get<std::unique_ptr<JitSession>>(session));
  auto routines = JitRoutines::create(*policy.session, policy.plan->routines);
  if (auto* error = std::get_if<std::string>(&routines)) {
    policy.session.reset();
    return *error;
  }
  policy.routines = std::move(std::get<std::unique_ptr<JitRoutines>>(routines));
  return {};
}

}  // namespace

std::variant<std::unique_ptr<CompiledPolicy>, std::vector<CompileError>> compile_policy(
    const lang::Program& program, const lang::SourceManager& sources, EngineKind engine, PlanOptions plan,
    OptLevel level) {
  auto built = build_plan(program, sources, plan);
  if (auto* errors = std::get_if<std::vector<CompileError>>(&built)) return std::move(*errors);
  auto policy = std::make_unique<CompiledPolicy>();
  policy->plan = std::move(std::get<std::unique_ptr<Plan>>(built));
  policy->hash = policy_hash(program, sources);
  if (engine != EngineKind::Interpreter) {
    std::string error = start_jit(*policy, level);
    if (error.empty()) {
      policy->engine = EngineKind::Jit;
      return policy;
    }
    if (engine == EngineKind::Jit) return std::vector<CompileError>{{{}, "the JIT could not compile the policy: " + error}};
    policy->warning = "the JIT could not compile the policy (" + error + "); using the interpreter";
  }
  policy->routines = std::make_unique<RoutineInterpreter>(policy->plan->routines);
  policy->engine = EngineKind::Interpreter;
  return policy;
}

std::optional<EngineKind> parse_engine_kind(std::string_view text) {
  if (text == "jit") return EngineKind::Jit;
  if (text == "interp") return EngineKind::Interpreter;
  if (text == "auto") return EngineKind::Auto;
  return std::nullopt;
}

const char* engine_kind_name(EngineKind kind) {
  switch (kind) {
    case EngineKind::Jit: return "jit";
    case EngineKind::Interpreter: return "interp";
    case EngineKind::Auto: return "auto";
  }
  return "auto";
}

}  // namespace writ::compiler
