#pragma once
// Test helper: parses policy texts into a Program, as the module loader would, and checks
// it. The root unit holds the given texts; an optional imported module becomes a second
// unit, reached by its policy name. check_paths goes through the module loader instead.
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lang/checker.hpp"
#include "lang/diagnostic.hpp"
#include "lang/module_loader.hpp"
#include "lang/parser.hpp"
#include "lang/program.hpp"
#include "lang/source.hpp"

namespace writ::test {

struct SourceText {
  std::string path;
  std::string text;
};

struct CheckedProgram {
  lang::SourceManager sources;
  lang::Diagnostics diags{lang::DiagnosticOptions{1000}};
  lang::Program program;
  std::size_t parse_errors = 0;
  bool ok = false;

  std::string rendered() const { return lang::render_text(diags, sources); }
};

namespace detail {

inline lang::Module* parse_into(CheckedProgram& run, const SourceText& source) {
  const lang::SourceFile& file = run.sources.add(source.path, source.text);
  auto module = lang::parse_module(file, run.diags);
  if (!module) return nullptr;
  run.program.modules.push_back(std::make_unique<lang::Module>(std::move(*module)));
  return run.program.modules.back().get();
}

}  // namespace detail

inline std::unique_ptr<CheckedProgram> check_texts(const std::vector<SourceText>& root,
                                                   const std::optional<SourceText>& imported = std::nullopt,
                                                   const lang::CheckOptions& options = {}) {
  auto run = std::make_unique<CheckedProgram>();
  auto root_unit = std::make_unique<lang::Unit>();
  for (const SourceText& source : root) {
    if (lang::Module* m = detail::parse_into(*run, source)) root_unit->modules.push_back(m);
  }
  run->program.units.push_back(std::move(root_unit));
  if (imported) {
    if (lang::Module* m = detail::parse_into(*run, *imported)) {
      auto unit = std::make_unique<lang::Unit>();
      unit->name = m->header ? m->header->name.text : "lib";
      unit->modules.push_back(m);
      run->program.units.front()->imports.emplace(unit->name, unit.get());
      run->program.dependency_order.push_back(unit.get());
      run->program.units.push_back(std::move(unit));
    }
  }
  run->program.dependency_order.push_back(run->program.units.front().get());
  run->parse_errors = run->diags.error_count();
  run->ok = lang::check_program(run->program, run->diags, options);
  run->diags.sort();
  return run;
}

// Loads files or folders from disk, imports and all, as `writ check` does, and checks them.
inline std::unique_ptr<CheckedProgram> check_paths(const std::vector<std::string>& paths,
                                                   const lang::CheckOptions& options = {}) {
  auto run = std::make_unique<CheckedProgram>();
  lang::LoadOptions load;
  load.stdlib_dir = std::string(WRIT_SOURCE_DIR) + "/stdlib";
  run->program = lang::load_program(paths, run->sources, run->diags, load);
  run->parse_errors = run->diags.error_count();
  run->ok = lang::check_program(run->program, run->diags, options);
  run->diags.sort();
  return run;
}

inline std::unique_ptr<CheckedProgram> check_text(const std::string& text, const lang::CheckOptions& options = {}) {
  return check_texts({{"policy.writ", text}}, std::nullopt, options);
}

}  // namespace writ::test
