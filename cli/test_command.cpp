// writ test FILE|DIR...: runs the policy set's `test` blocks under both engines (or the one
// --engine names) and ends with `N passed, N failed`.
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/compile.hpp"
#include "compiler/test_plan_builder.hpp"
#include "runtime/test_runner.hpp"

namespace writ::cli {

namespace {

struct TestArgs {
  std::vector<std::string> paths;
  std::string engine = "both";
  std::string stdlib;
};

// The engines to run: both unless one is named.
std::vector<compiler::EngineKind> engines(const std::string& name) {
  if (name == "both") return {compiler::EngineKind::Interpreter, compiler::EngineKind::Jit};
  return {*compiler::parse_engine_kind(name)};
}

int run_tests(const TestArgs& args) {
  if (args.engine != "both" && !compiler::parse_engine_kind(args.engine)) {
    std::cerr << "writ test: --engine expects jit, interp, auto or both, not `" << args.engine << "`\n";
    return kExitUsage;
  }
  if (std::string missing = missing_path(args.paths); !missing.empty()) {
    std::cerr << "writ test: " << missing << "\n";
    return kExitUsage;
  }
  std::size_t passed = 0, failed = 0;
  for (compiler::EngineKind kind : engines(args.engine)) {
    Compiled c = compile_policy_set(args.paths, args.stdlib, kind);
    if (!c.policy) return kExitErrors;
    auto tests = compiler::build_tests(c.set->program, c.set->sources);
    if (auto* errors = std::get_if<std::vector<compiler::CompileError>>(&tests)) {
      print_compile_errors(*errors, c.set->sources);
      return kExitErrors;
    }
    const char* engine = compiler::engine_kind_name(c.policy->engine);
    for (const compiler::TestCase& test : std::get<std::vector<compiler::TestCase>>(tests)) {
      runtime::TestOutcome outcome = runtime::run_test(test, *c.policy->plan, *c.policy->routines, c.policy->hash);
      std::cout << fmt::format("{} [{}] {}\n", outcome.passed() ? "ok    " : "FAILED", engine, test.name);
      for (const std::string& f : outcome.failures) std::cout << "  " << f << "\n";
      ++(outcome.passed() ? passed : failed);
    }
  }
  std::cout << fmt::format("{} passed, {} failed\n", passed, failed);
  return failed == 0 ? kExitOk : kExitErrors;
}

}  // namespace

void add_test_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<TestArgs>();
  CLI::App* cmd = app.add_subcommand("test", "Run the `test` blocks of a policy set under both engines");
  cmd->add_option("paths", args->paths, "Policy files or folders (searched for *.writ)")->required();
  cmd->add_option("--engine", args->engine, "jit, interp, auto, or both (default)");
  cmd->add_option("--stdlib", args->stdlib, "The standard library folder");
  cmd->callback([args, &exit_code] { exit_code = run_tests(*args); });
}

}  // namespace writ::cli
