#pragma once
// A problem found in a policy set while compiling it: where, how bad, and what the command
// line would print for it.
#include <string>

namespace writ {

struct Diagnostic {
  enum class Severity { Error, Warning, Note };
  Severity severity = Severity::Error;
  std::string code;     // `E0301`; "" for what the compiler reports after the checks
  std::string file;     // "" when the problem is not in one file (the JIT failing)
  int line = 0;         // 1-based; 0 with no file
  int column = 0;       // 1-based, in bytes
  std::string message;  // one line
  std::string text;     // rendered like `writ check`: location, source line, caret, notes
};

}  // namespace writ
