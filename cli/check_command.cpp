// writ check FILE|DIR...: parse, resolve and type-check a policy set; report every problem.
#include <chrono>
#include <fmt/format.h>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/policy_set.hpp"
#include "lang/literals.hpp"

namespace writ::cli {

namespace {

struct CheckArgs {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string stale;
  std::string today;
  std::string stdlib;
  std::size_t max_errors = 20;
};

std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// Turns the flags into options; returns a usage message on bad flags.
std::string make_options(const CheckArgs& args, lang::CheckOptions& check) {
  check.today_ms = now_ms();
  if (!args.today.empty()) {
    auto date = lang::parse_date(args.today);
    if (!date) return fmt::format("--today expects a date such as 2026-11-26, not `{}`", args.today);
    check.today_ms = lang::days_from_civil(*date) * 86'400'000LL;
  }
  if (!args.stale.empty()) {
    auto ms = lang::parse_duration(args.stale);
    if (!ms) return fmt::format("--stale expects a duration such as 365d, not `{}`", args.stale);
    check.stale_after_ms = *ms;
  }
  return {};
}

int run_check(const CheckArgs& args) {
  lang::CheckOptions check;
  if (std::string usage = make_options(args, check); !usage.empty()) {
    std::cerr << "writ check: " << usage << "\n";
    return kExitUsage;
  }
  if (std::string missing = missing_path(args.paths); !missing.empty()) {
    std::cerr << "writ check: " << missing << "\n";
    return kExitUsage;
  }
  lang::LoadOptions load;
  load.stdlib_dir = args.stdlib.empty() ? stdlib_dir_for_binary() : args.stdlib;
  auto set = load_and_check(args.paths, load, check, lang::DiagnosticOptions{args.max_errors});
  auto format = args.format == "json" ? DiagnosticFormat::Json : DiagnosticFormat::Text;
  print_diagnostics(*set, format);
  if (format == DiagnosticFormat::Text) {
    std::cerr << fmt::format("writ check: {} file(s), {} error(s), {} warning(s)\n", set->sources.size(),
                             set->diags.error_count(), set->diags.warning_count());
  }
  int code = set->ok ? kExitOk : kExitErrors;
  // The process ends here: freeing a large policy's tree node by node would take longer
  // than checking it, and the operating system reclaims it at once (as compilers do).
  // Released into a static, not dropped: still in use at exit for a leak checker (the
  // asan preset's LeakSanitizer), rather than a leak that fails the run. `volatile`, so
  // the optimiser keeps a store that nothing reads.
  [[maybe_unused]] static PolicySet* volatile kept_until_exit = nullptr;
  kept_until_exit = set.release();
  return code;
}

}  // namespace

void add_check_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* cmd = app.add_subcommand("check", "Check policy files: syntax, names, types and static checks");
  cmd->add_option("paths", args->paths, "Policy files or folders (searched for *.writ)")->required();
  cmd->add_option("--format", args->format, "Diagnostics as text (stderr) or json (stdout)")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--stale", args->stale, "Warn on @reviewed dates older than this duration, e.g. 365d");
  cmd->add_option("--today", args->today, "The date staleness is measured from (default: today)");
  cmd->add_option("--stdlib", args->stdlib, "Folder of the standard library modules");
  cmd->add_option("--max-errors", args->max_errors, "Stop reporting after this many errors")
      ->check(CLI::PositiveNumber);
  cmd->callback([args, &exit_code] { exit_code = run_check(*args); });
}

}  // namespace writ::cli
