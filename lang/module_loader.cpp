#include "lang/module_loader.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <set>
#include <string_view>
#include <system_error>

#include "lang/suggest.hpp"

namespace writ::lang {

namespace fs = std::filesystem;

std::string default_stdlib_dir() {
  if (const char* env = std::getenv("WRIT_STDLIB"); env != nullptr && *env != '\0') return env;
  std::error_code ec;
  if (fs::is_directory(WRIT_SOURCE_STDLIB_DIR, ec)) return WRIT_SOURCE_STDLIB_DIR;
  return WRIT_INSTALL_STDLIB_DIR;
}

namespace {

// One stable spelling per file, so a module imported along two paths is loaded once.
std::string canonical(const fs::path& path) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(path, ec);
  return (ec ? path.lexically_normal() : c).string();
}

bool regular_file_exists(const fs::path& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

// The path string of an import, quotes included: the first `"` in the import's span up to
// the span's end. Diagnostics about the imported file point there, not at the keyword.
Span path_span(const SourceFile& file, const Import& import) {
  std::string_view text = file.text();
  if (import.span.end > text.size() || import.span.begin >= import.span.end) return import.span;
  std::string_view written = text.substr(import.span.begin, import.span.end - import.span.begin);
  std::size_t quote = written.find('"');
  if (quote == std::string_view::npos) return import.span;
  return Span{import.span.file, import.span.begin + static_cast<std::uint32_t>(quote), import.span.end};
}

}  // namespace

std::vector<std::string> expand_policy_paths(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const auto& path : paths) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    for (fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec)) {
      if (it->path().extension() == ".writ" && regular_file_exists(it->path())) found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

namespace {

class Loader {
 public:
  Loader(SourceManager& sources, Diagnostics& diags, const LoadOptions& options)
      : sources_(sources), diags_(diags), options_(options),
        stdlib_dir_(options.stdlib_dir.empty() ? default_stdlib_dir() : options.stdlib_dir) {}

  Program run(const std::vector<std::string>& paths);
  Program run_text(const std::string& path, std::string text);

 private:
  Module* load_file(const std::string& path);
  Module* load_source(const SourceFile& file, const std::string& key);
  std::string resolve_import(const Module& from, const Import& import, std::vector<std::string>& tried) const;
  void load_imports(Module& module);
  std::string similar_import(const Module& from, const Import& import) const;
  void report_cycles();
  bool visit_for_cycles(Module* module, std::vector<std::pair<Module*, const Import*>>& stack);
  void build_units(const std::vector<Module*>& roots);
  void report_missing_header(const Module& module);
  void order_units();
  Program finish(const std::vector<Module*>& roots);

  SourceManager& sources_;
  Diagnostics& diags_;
  const LoadOptions& options_;
  std::string stdlib_dir_;
  Program program_;
  std::map<std::string, Module*> by_path_;  // canonical path -> module
  std::map<Module*, int> cycle_state_;       // 1 on the stack, 2 done
};

Module* Loader::load_file(const std::string& path) {
  std::string key = canonical(path);
  if (auto it = by_path_.find(key); it != by_path_.end()) return it->second;
  std::string error;
  const SourceFile* file = sources_.load(path, error);
  if (file == nullptr) {
    // A file that cannot be read still gets a (empty) source, so the diagnostic has a place.
    const SourceFile& placeholder = sources_.add(path, "");
    diags_.error(Code::IoError, Span{placeholder.id(), 0, 0}, fmt::format("cannot read `{}`: {}", path, error));
    by_path_[key] = nullptr;
    return nullptr;
  }
  return load_source(*file, key);
}

Module* Loader::load_source(const SourceFile& file, const std::string& key) {
  auto parsed = parse_module(file, diags_, options_.parse);
  if (!parsed) {
    by_path_[key] = nullptr;
    return nullptr;
  }
  program_.modules.push_back(std::make_unique<Module>(std::move(*parsed)));
  Module* module = program_.modules.back().get();
  by_path_[key] = module;
  load_imports(*module);
  return module;
}

std::string Loader::resolve_import(const Module& from, const Import& import,
                                   std::vector<std::string>& tried) const {
  fs::path base = fs::path(sources_.file(from.file).path()).parent_path();
  fs::path beside = base / import.path;
  tried.push_back(beside.string());
  if (regular_file_exists(beside)) return beside.string();
  std::string rest = import.path;
  if (rest.rfind("stdlib/", 0) == 0) rest = rest.substr(7);
  fs::path in_stdlib = fs::path(stdlib_dir_) / rest;
  tried.push_back(in_stdlib.string());
  if (regular_file_exists(in_stdlib)) return in_stdlib.string();
  return {};
}

// "did you mean `stdlib/calendars.writ`?" when a `.writ` file in a folder the import was
// looked for in has a name close to the one written.
std::string Loader::similar_import(const Module& from, const Import& import) const {
  fs::path written(import.path);
  std::string rest = import.path.rfind("stdlib/", 0) == 0 ? import.path.substr(7) : import.path;
  fs::path base = fs::path(sources_.file(from.file).path()).parent_path();
  std::vector<std::string> names;
  for (const fs::path& dir : {base / written.parent_path(), fs::path(stdlib_dir_) / fs::path(rest).parent_path()}) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->path().extension() == ".writ") names.push_back(it->path().stem().string());
    }
  }
  std::sort(names.begin(), names.end());
  auto best = detail::closest_name(written.stem().string(), names);
  if (!best) return {};
  return fmt::format("did you mean `{}`?", (written.parent_path() / (*best + ".writ")).generic_string());
}

void Loader::load_imports(Module& module) {
  for (auto& import : module.imports) {
    std::vector<std::string> tried;
    std::string path = resolve_import(module, import, tried);
    if (path.empty()) {
      auto& d = diags_.error(Code::ImportNotFound, path_span(sources_.file(module.file), import),
                             fmt::format("cannot find module `{}`", import.path));
      for (const auto& t : tried) d.notes.push_back({{}, false, fmt::format("looked for `{}`", t)});
      d.help = similar_import(module, import);
      continue;
    }
    import.resolved_path = canonical(path);
    load_file(path);
  }
}

Module* module_at(const std::map<std::string, Module*>& by_path, const std::string& path) {
  auto it = by_path.find(path);
  return it == by_path.end() ? nullptr : it->second;
}

bool Loader::visit_for_cycles(Module* module, std::vector<std::pair<Module*, const Import*>>& stack) {
  cycle_state_[module] = 1;
  for (const auto& import : module->imports) {
    Module* target = module_at(by_path_, import.resolved_path);
    if (target == nullptr) continue;
    stack.emplace_back(module, &import);
    if (cycle_state_[target] == 1) {
      auto& d = diags_.error(Code::ImportCycle, path_span(sources_.file(module->file), import),
                             fmt::format("import cycle: `{}` is already being imported", import.path));
      auto first = std::find_if(stack.begin(), stack.end(), [&](const auto& e) { return e.first == target; });
      for (auto it = first; it != stack.end(); ++it) {
        const auto& [importer, step] = *it;
        d.notes.push_back({path_span(sources_.file(importer->file), *step), true, fmt::format("imports `{}`", step->path)});
      }
      stack.pop_back();
      return true;
    }
    if (cycle_state_[target] == 0 && visit_for_cycles(target, stack)) {
      stack.pop_back();
      return true;
    }
    stack.pop_back();
  }
  cycle_state_[module] = 2;
  return false;
}

void Loader::report_cycles() {
  for (const auto& module : program_.modules) {
    if (cycle_state_[module.get()] != 0) continue;
    std::vector<std::pair<Module*, const Import*>> stack;
    visit_for_cycles(module.get(), stack);
  }
}

void Loader::report_missing_header(const Module& module) {
  auto& d = diags_.error(Code::MissingPolicyHeader, Span{module.file, 0, 0},
                         "an imported file needs a `policy NAME` header: importers reach its declarations by that name");
  std::string key;
  for (const auto& [path, loaded] : by_path_) {
    if (loaded == &module) key = path;
  }
  for (const auto& importer : program_.modules) {
    for (const auto& import : importer->imports) {
      if (!key.empty() && import.resolved_path == key) {
        d.notes.push_back({path_span(sources_.file(importer->file), import), true, "imported here"});
      }
    }
  }
  // The file's name, when it is a valid policy name, is the likely one.
  std::string stem = fs::path(sources_.file(module.file).path()).stem().string();
  bool valid = !stem.empty() && !std::isdigit(static_cast<unsigned char>(stem.front())) &&
               std::all_of(stem.begin(), stem.end(), [](char c) {
                 return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
               });
  d.help = valid ? fmt::format("start the file with `policy {}`", stem) : "start the file with `policy NAME`";
}

void Loader::build_units(const std::vector<Module*>& roots) {
  program_.units.push_back(std::make_unique<Unit>());
  Unit* root = program_.units.front().get();
  std::set<Module*> root_set(roots.begin(), roots.end());
  root->modules = roots;
  std::map<Module*, Unit*> unit_of;
  for (Module* m : roots) unit_of[m] = root;
  std::map<std::string, Span> policy_names;
  for (const auto& owned : program_.modules) {
    Module* m = owned.get();
    if (root_set.count(m) != 0) continue;
    if (!m->header) {
      report_missing_header(*m);
      continue;
    }
    program_.units.push_back(std::make_unique<Unit>());
    Unit* unit = program_.units.back().get();
    unit->name = m->header->name.text;
    unit->modules.push_back(m);
    unit_of[m] = unit;
    auto [it, inserted] = policy_names.emplace(unit->name, m->header->name.span);
    if (!inserted) {
      auto& d = diags_.error(Code::DuplicatePolicy, m->header->name.span,
                             fmt::format("two imported modules are both named `{}`", unit->name));
      d.notes.push_back({it->second, true, "the other one is declared here"});
    }
  }
  for (const auto& owned : program_.modules) {
    Module* m = owned.get();
    Unit* unit = unit_of.count(m) != 0 ? unit_of[m] : nullptr;
    if (unit == nullptr) continue;
    for (const auto& import : m->imports) {
      Module* target = module_at(by_path_, import.resolved_path);
      if (target == nullptr || unit_of.count(target) == 0 || !target->header) continue;
      unit->imports[target->header->name.text] = unit_of[target];
    }
  }
}

// Depth-first post-order over unit imports: a unit after all it imports. Cycles were
// reported already; a back edge is simply not followed.
void Loader::order_units() {
  std::set<const Unit*> seen;
  std::vector<const Unit*> order;
  auto visit = [&](auto&& self, const Unit* unit) -> void {
    if (!seen.insert(unit).second) return;
    for (const auto& [name, imported] : unit->imports) self(self, imported);
    order.push_back(unit);
  };
  for (const auto& unit : program_.units) visit(visit, unit.get());
  program_.dependency_order = std::move(order);
}

Program Loader::finish(const std::vector<Module*>& roots) {
  report_cycles();
  build_units(roots);
  order_units();
  return std::move(program_);
}

Program Loader::run(const std::vector<std::string>& paths) {
  std::vector<Module*> roots;
  std::set<Module*> seen;
  for (const auto& file : expand_policy_paths(paths)) {
    Module* m = load_file(file);
    if (m != nullptr && seen.insert(m).second) roots.push_back(m);
  }
  return finish(roots);
}

Program Loader::run_text(const std::string& path, std::string text) {
  const SourceFile& file = sources_.add(path, std::move(text));
  std::vector<Module*> roots;
  if (Module* m = load_source(file, canonical(path))) roots.push_back(m);
  return finish(roots);
}

}  // namespace

Program load_program(const std::vector<std::string>& paths, SourceManager& sources, Diagnostics& diags,
                     const LoadOptions& options) {
  return Loader(sources, diags, options).run(paths);
}

Program load_program_text(const std::string& path, std::string text, SourceManager& sources, Diagnostics& diags,
                          const LoadOptions& options) {
  return Loader(sources, diags, options).run_text(path, std::move(text));
}

}  // namespace writ::lang
