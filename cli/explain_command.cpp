// writ explain FILE|DIR...: for auditors, what a policy set does: every construct in
// normalized form with its source location, the evaluation order per event type, the
// timers, and the policy hash (docs/explain.md).
#include <fmt/format.h>
#include <iostream>

#include "cli/commands.hpp"
#include "compiler/policy_hash.hpp"
#include "compiler/routine_llvm_text.hpp"
#include "cli/policy_set.hpp"
#include "compiler/explain.hpp"
#include "compiler/plan_builder.hpp"

namespace writ::cli {

namespace {

struct ExplainArgs {
  std::vector<std::string> paths;
  std::string emit = "listing";
  std::string stdlib;
};

int run_explain(const ExplainArgs& args) {
  if (std::string missing = missing_path(args.paths); !missing.empty()) {
    std::cerr << "writ explain: " << missing << "\n";
    return kExitUsage;
  }
  lang::LoadOptions load;
  load.stdlib_dir = args.stdlib.empty() ? stdlib_dir_for_binary() : args.stdlib;
  auto set = load_and_check(args.paths, load, lang::CheckOptions{}, lang::DiagnosticOptions{});
  // Warnings are shown too: an auditor should see what `writ check` would say.
  print_diagnostics(*set, DiagnosticFormat::Text);
  if (!set->ok) {
    std::cerr << fmt::format("writ explain: {} error(s); nothing to explain\n", set->diags.error_count());
    return kExitErrors;
  }
  auto built = compiler::build_plan(set->program, set->sources);
  if (auto* errors = std::get_if<std::vector<compiler::CompileError>>(&built)) {
    print_compile_errors(*errors, set->sources);
    std::cerr << fmt::format("writ explain: {} error(s); nothing to explain\n", errors->size());
    return kExitErrors;
  }
  const compiler::Plan& plan = *std::get<std::unique_ptr<compiler::Plan>>(built);
  if (args.emit == "llvm") {
    // The routines as the JIT runs them: optimised at -O2, one function per routine.
    auto ir = compiler::routines_llvm_ir(plan.routines, compiler::OptLevel::O2);
    if (auto* error = std::get_if<std::string>(&ir)) {
      std::cerr << "writ explain: code generation failed: " << *error << "\n";
      return kExitErrors;
    }
    std::cout << "; policy hash: " << compiler::policy_hash(set->program, set->sources) << "\n"
              << std::get<compiler::LlvmIrText>(ir).text;
    return kExitOk;
  }
  compiler::Explanation explanation = compiler::explain(set->program, set->sources, plan);
  std::cout << (args.emit == "json" ? compiler::explain_json(explanation) : compiler::explain_listing(explanation));
  return kExitOk;
}

}  // namespace

void add_explain_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ExplainArgs>();
  CLI::App* cmd = app.add_subcommand(
      "explain", "For auditors: every construct, the evaluation order per event type, the timers and the policy hash");
  cmd->add_option("paths", args->paths, "Policy files or folders (searched for *.writ), one policy set")->required();
  cmd->add_option("--emit", args->emit, "listing (text), json (the same content) or llvm (the optimised LLVM IR)")
      ->check(CLI::IsMember({"listing", "json", "llvm"}));
  cmd->add_option("--stdlib", args->stdlib, "Folder of the standard library modules");
  cmd->callback([args, &exit_code] { exit_code = run_explain(*args); });
}

}  // namespace writ::cli
