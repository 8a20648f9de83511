#pragma once
// Loading and checking a policy set from the command line, shared by every subcommand that
// takes policies.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/lower_expr.hpp"
#include "lang/checker.hpp"
#include "lang/diagnostic.hpp"
#include "lang/module_loader.hpp"
#include "lang/program.hpp"
#include "lang/source.hpp"

namespace writ::cli {

enum class DiagnosticFormat { Text, Json };

struct PolicySet {
  lang::SourceManager sources;
  lang::Diagnostics diags;
  lang::Program program;
  bool ok = false;  // loaded and checked without errors
};

// Paths that do not exist are a usage error: returns the message, empty when all exist.
std::string missing_path(const std::vector<std::string>& paths);

std::unique_ptr<PolicySet> load_and_check(const std::vector<std::string>& paths, const lang::LoadOptions& load,
                                          const lang::CheckOptions& check, const lang::DiagnosticOptions& diag);

// Text to stderr, or JSON to stdout.
void print_diagnostics(const PolicySet& set, DiagnosticFormat format);

// What the compiler could not compile in a checked set, to stderr as
// `file:line:col: error: message` with the source line and a caret.
void print_compile_errors(const std::vector<compiler::CompileError>& errors, const lang::SourceManager& sources);

// Where the standard library is for this binary: $WRIT_STDLIB, else share/writ/stdlib next
// to an installed binary, else the source tree's.
std::string stdlib_dir_for_binary();

}  // namespace writ::cli
