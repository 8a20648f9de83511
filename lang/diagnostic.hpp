#pragma once
// Diagnostics: what every stage reports about bad input. Stages append to a Diagnostics
// sink and carry on; nothing in `lang` throws on bad input.
#include <cstddef>
#include <string>
#include <vector>

#include "lang/diagnostic_code.hpp"
#include "lang/source.hpp"

namespace writ::lang {

enum class Severity { Error, Warning, Note };

struct DiagnosticNote {
  Span span;
  bool has_span = true;
  std::string message;
};

struct Diagnostic {
  Severity severity = Severity::Error;
  Code code = Code::SyntaxError;
  Span span;
  std::string message;
  std::vector<DiagnosticNote> notes;
  std::string help;  // a suggestion such as "did you mean `tier`?", empty when none
};

struct DiagnosticOptions {
  std::size_t max_errors = 20;  // further errors are counted but not kept
};

class Diagnostics {
 public:
  explicit Diagnostics(DiagnosticOptions options = {}) : options_(options) {}

  // Appends and returns the diagnostic so callers can add notes and help; past the error
  // cap the returned object is a scratch one that is not kept.
  Diagnostic& report(Severity severity, Code code, Span span, std::string message);
  Diagnostic& error(Code code, Span span, std::string message) {
    return report(Severity::Error, code, span, std::move(message));
  }
  Diagnostic& warning(Code code, Span span, std::string message) {
    return report(Severity::Warning, code, span, std::move(message));
  }

  const std::vector<Diagnostic>& all() const { return list_; }
  std::size_t error_count() const { return errors_; }
  std::size_t warning_count() const { return warnings_; }
  bool has_errors() const { return errors_ > 0; }
  // Errors reported beyond the cap: counted, not kept.
  std::size_t dropped() const { return dropped_; }
  // Orders by file, then position, so output does not depend on the order of the passes.
  void sort();

 private:
  DiagnosticOptions options_;
  std::vector<Diagnostic> list_;
  Diagnostic scratch_;
  std::size_t errors_ = 0;
  std::size_t warnings_ = 0;
  std::size_t dropped_ = 0;
};

// `file:line:col: error[E0301]: message`, the source line, a caret under the span, then
// notes and help, in the form compilers use.
std::string render_text(const Diagnostic& d, const SourceManager& sources);
std::string render_text(const Diagnostics& ds, const SourceManager& sources);
// A message of a later stage, which has no code (the compiler's): `file:line:col: error:
// message`, the line and a caret.
std::string render_located(Severity severity, const Span& span, const std::string& message,
                           const SourceManager& sources);
// One JSON document: {"diagnostics":[{...}], "errors":N, "warnings":N}.
std::string render_json(const Diagnostics& ds, const SourceManager& sources);

}  // namespace writ::lang
