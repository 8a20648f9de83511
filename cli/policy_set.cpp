#include "cli/policy_set.hpp"

#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>

namespace writ::cli {

namespace fs = std::filesystem;

std::string missing_path(const std::vector<std::string>& paths) {
  for (const auto& p : paths) {
    std::error_code ec;
    if (!fs::exists(p, ec)) return fmt::format("no such file or folder: {}", p);
  }
  return {};
}

std::unique_ptr<PolicySet> load_and_check(const std::vector<std::string>& paths, const lang::LoadOptions& load,
                                          const lang::CheckOptions& check, const lang::DiagnosticOptions& diag) {
  auto set = std::make_unique<PolicySet>();
  set->diags = lang::Diagnostics(diag);
  set->program = lang::load_program(paths, set->sources, set->diags, load);
  // Type errors after syntax errors would mostly be echoes of them, so a set that did not
  // parse is not checked.
  if (!set->diags.has_errors()) lang::check_program(set->program, set->diags, check);
  set->diags.sort();
  set->ok = !set->diags.has_errors();
  return set;
}

void print_diagnostics(const PolicySet& set, DiagnosticFormat format) {
  if (format == DiagnosticFormat::Json) {
    std::cout << lang::render_json(set.diags, set.sources);
  } else {
    std::cerr << lang::render_text(set.diags, set.sources);
  }
}

void print_compile_errors(const std::vector<compiler::CompileError>& errors, const lang::SourceManager& sources) {
  for (const auto& e : errors) std::cerr << lang::render_located(lang::Severity::Error, e.span, e.message, sources);
}

std::string stdlib_dir_for_binary() {
  if (const char* env = std::getenv("WRIT_STDLIB"); env != nullptr && *env != '\0') return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path installed = exe.parent_path().parent_path() / "share" / "writ" / "stdlib";
    if (fs::is_directory(installed, ec)) return installed.string();
  }
  return lang::default_stdlib_dir();
}

}  // namespace writ::cli
