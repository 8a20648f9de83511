#pragma once
// Compiling a policy set once, to run it in any number of engines. A Policy is an immutable
// handle: copies share one compiled form, and engines on different threads may share it.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "writ/diagnostic.hpp"

namespace writ {

namespace detail {
struct PolicyData;
struct PolicyAccess;  // how the implementation makes and reads policies
}

// Jit: native code (LLVM ORC); Interpreter: the reference interpreter; Auto: the JIT, or the
// interpreter with a warning when the JIT cannot start. Both give identical decisions.
enum class EngineKind { Jit, Interpreter, Auto };

struct CompileOptions {
  EngineKind engine = EngineKind::Auto;
  // Where `import "itil.writ"` and the other shipped modules are found. Empty: $WRIT_STDLIB,
  // else the source tree's stdlib/, else the installed share/writ/stdlib.
  std::string stdlib_dir;
  // Compile the copies of the fields each decision reads, which an audit trail records
  // (docs/audit.md, "The values of a record"). false: each event costs a little less, and
  // no engine of the policy may write a trail (an EngineOptions::audit_path is refused).
  bool audit = true;
};

class Policy {
 public:
  const std::string& hash() const;     // SHA-256 of the canonical text: names every decision
  EngineKind engine() const;           // what runs: Jit or Interpreter
  const std::string& warning() const;  // why Auto fell back to the interpreter; "" otherwise
  // The declared event types, sorted.
  std::vector<std::string> event_types() const;

 private:
  friend struct detail::PolicyAccess;
  explicit Policy(std::shared_ptr<const detail::PolicyData> data) : data_(std::move(data)) {}
  std::shared_ptr<const detail::PolicyData> data_;
};

struct CompileResult {
  std::optional<Policy> policy;          // absent when there were errors
  std::vector<Diagnostic> diagnostics;   // errors and warnings, by file and position

  bool ok() const { return policy.has_value(); }
  // Every diagnostic rendered, as `writ check` prints them.
  std::string text() const;
};

// Files and folders (every `.writ` below a folder), as `writ replay --policy` takes them.
CompileResult compile(const std::vector<std::string>& paths, const CompileOptions& options = {});
// One module held in memory; its imports are looked up relative to `name`.
CompileResult compile_source(const std::string& name, const std::string& text, const CompileOptions& options = {});

}  // namespace writ
