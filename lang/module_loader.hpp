#pragma once
// Reading a policy set from disk: files and folders given by the user, then `import`s,
// relative to the importing file or else to the stdlib folder's parent.
#include <optional>
#include <string>
#include <vector>

#include "lang/diagnostic.hpp"
#include "lang/parser.hpp"
#include "lang/program.hpp"
#include "lang/source.hpp"

namespace writ::lang {

struct LoadOptions {
  // The standard library folder: `import "stdlib/itil.writ"` and `import "itil.writ"` look
  // there when the path is not found beside the importing file. Empty: default_stdlib_dir().
  std::string stdlib_dir;
  ParseOptions parse;
};

// $WRIT_STDLIB when set; else the source tree's stdlib/ when it exists (a build tree);
// else the installed share/writ/stdlib.
std::string default_stdlib_dir();

// The files a list of user-given paths names: files as given, folders expanded to the
// `.writ` files below them, sorted by path, so order never depends on the file system.
std::vector<std::string> expand_policy_paths(const std::vector<std::string>& paths);

// Expands folders into their `.writ` files (recursively, sorted by path) and loads every
// file and import. Reports unreadable files, missing imports and import cycles.
Program load_program(const std::vector<std::string>& paths, SourceManager& sources,
                     Diagnostics& diags, const LoadOptions& options = {});

// The same for one file whose text is already in memory (an editor buffer, a test, a fuzz
// input); its imports are looked up relative to `path`.
Program load_program_text(const std::string& path, std::string text, SourceManager& sources,
                          Diagnostics& diags, const LoadOptions& options = {});

}  // namespace writ::lang
