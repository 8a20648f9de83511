#include "cli/compile.hpp"

#include <iostream>

namespace writ::cli {

Compiled compile_policy_set(const std::vector<std::string>& paths, const std::string& stdlib, compiler::EngineKind engine,
                            compiler::PlanOptions plan) {
  Compiled out;
  lang::LoadOptions load;
  load.stdlib_dir = stdlib.empty() ? stdlib_dir_for_binary() : stdlib;
  out.set = load_and_check(paths, load, lang::CheckOptions{}, lang::DiagnosticOptions{20});
  if (!out.set->ok) {
    print_diagnostics(*out.set, DiagnosticFormat::Text);
    return out;
  }
  auto compiled = compiler::compile_policy(out.set->program, out.set->sources, engine, plan);
  if (auto* errors = std::get_if<std::vector<compiler::CompileError>>(&compiled)) {
    for (const compiler::CompileError& e : *errors) {
      // A failure of the whole set (the JIT under --engine=jit) has no construct to point at.
      if (e.span.begin == 0 && e.span.end == 0) std::cerr << "writ: error: " << e.message << "\n";
      else print_compile_errors({e}, out.set->sources);
    }
    return out;
  }
  out.policy = std::move(std::get<std::unique_ptr<compiler::CompiledPolicy>>(compiled));
  if (!out.policy->warning.empty()) std::cerr << "writ: warning: " << out.policy->warning << "\n";
  return out;
}

}  // namespace writ::cli
