// writ fmt [--check] FILE|DIR...: rewrite policy files in the canonical layout.
#include <fmt/format.h>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/policy_set.hpp"
#include "lang/formatter.hpp"
#include "lang/parser.hpp"

namespace writ::cli {

namespace {

struct FmtArgs {
  std::vector<std::string> paths;
  bool check = false;
  bool to_stdout = false;
};

enum class FileResult { Unchanged, Changed, Failed };

bool write_file(const std::string& path, const std::string& text) {
  // Write beside the file, then rename: an interrupted run never leaves half a policy.
  std::string temp = path + ".writ-fmt.tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) return false;
  }
  return std::rename(temp.c_str(), path.c_str()) == 0;
}

FileResult format_file(const std::string& path, const FmtArgs& args, lang::SourceManager& sources) {
  lang::Diagnostics diags;
  std::string error;
  const lang::SourceFile* file = sources.load(path, error);
  if (file == nullptr) {
    std::cerr << fmt::format("writ fmt: cannot read {}: {}\n", path, error);
    return FileResult::Failed;
  }
  auto module = lang::parse_module(*file, diags);
  if (!module || diags.has_errors()) {
    std::cerr << lang::render_text(diags, sources);
    return FileResult::Failed;
  }
  std::string formatted = lang::format_module(*module, *file);
  if (args.to_stdout) {
    std::cout << formatted;
    return formatted == file->text() ? FileResult::Unchanged : FileResult::Changed;
  }
  if (formatted == file->text()) return FileResult::Unchanged;
  if (args.check) {
    std::cout << path << "\n";
    return FileResult::Changed;
  }
  if (!write_file(path, formatted)) {
    std::cerr << fmt::format("writ fmt: cannot write {}\n", path);
    return FileResult::Failed;
  }
  return FileResult::Changed;
}

int run_fmt(const FmtArgs& args) {
  if (std::string missing = missing_path(args.paths); !missing.empty()) {
    std::cerr << "writ fmt: " << missing << "\n";
    return kExitUsage;
  }
  lang::SourceManager sources;
  bool failed = false;
  bool unformatted = false;
  for (const auto& path : lang::expand_policy_paths(args.paths)) {
    FileResult r = format_file(path, args, sources);
    failed |= r == FileResult::Failed;
    unformatted |= r == FileResult::Changed;
  }
  if (failed) return kExitErrors;
  return args.check && unformatted ? kExitErrors : kExitOk;
}

}  // namespace

void add_fmt_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<FmtArgs>();
  CLI::App* cmd = app.add_subcommand("fmt", "Rewrite policy files in the canonical layout (comments kept)");
  cmd->add_option("paths", args->paths, "Policy files or folders (searched for *.writ)")->required();
  cmd->add_flag("--check", args->check, "Change nothing; list files that are not formatted and exit 1 if any");
  cmd->add_flag("--stdout", args->to_stdout, "Print the formatted text instead of rewriting the files");
  cmd->callback([args, &exit_code] { exit_code = run_fmt(*args); });
}

}  // namespace writ::cli
