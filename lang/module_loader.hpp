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
  // Folder that holds `stdlib/`; `import "stdlib/itil.writ"` and `import "itil.writ"` look
  // there when the path is not found beside the importing file. Empty: the built-in default
  // (the source tree's stdlib in a build tree, share/writ once installed; WRIT_STDLIB overrides).
  std::string stdlib_parent;
  ParseOptions parse;
};

// The default folder that holds `stdlib/`.
std::string default_stdlib_parent();

// Expands folders into their `.writ` files (recursively, sorted by path) and loads every
// file and import. Reports unreadable files, missing imports and import cycles.
Program load_program(const std::vector<std::string>& paths, SourceManager& sources,
                     Diagnostics& diags, const LoadOptions& options = {});

}  // namespace writ::lang
