// writ::compile: loading, checking and compiling a policy set as `writ replay` does
// (cli/compile.cpp), with the diagnostics handed back instead of printed.
#include <fmt/format.h>

#include "api/policy_data.hpp"
#include "lang/checker.hpp"
#include "lang/diagnostic.hpp"
#include "lang/module_loader.hpp"
#include "writ/policy.hpp"

namespace writ {

namespace {

Diagnostic::Severity severity(lang::Severity s) {
  switch (s) {
    case lang::Severity::Error: return Diagnostic::Severity::Error;
    case lang::Severity::Warning: return Diagnostic::Severity::Warning;
    case lang::Severity::Note: return Diagnostic::Severity::Note;
  }
  return Diagnostic::Severity::Error;
}

void locate(Diagnostic& out, const lang::Span& span, const lang::SourceManager& sources) {
  if (span.file >= sources.size()) return;
  const lang::SourceFile& file = sources.file(span.file);
  lang::LineCol at = file.line_col(span.begin);
  out.file = file.path();
  out.line = static_cast<int>(at.line);
  out.column = static_cast<int>(at.column);
}

Diagnostic from_check(const lang::Diagnostic& d, const lang::SourceManager& sources) {
  Diagnostic out;
  out.severity = severity(d.severity);
  out.code = std::string(lang::code_string(d.code));
  out.message = d.message;
  out.text = lang::render_text(d, sources);
  locate(out, d.span, sources);
  return out;
}

// A failure of the whole set (the JIT under EngineKind::Jit) has no construct to point at.
Diagnostic from_compile(const compiler::CompileError& e, const lang::SourceManager& sources) {
  Diagnostic out;
  out.message = e.message;
  if (e.span.begin == 0 && e.span.end == 0) {
    out.text = fmt::format("error: {}\n", e.message);
    return out;
  }
  out.text = lang::render_located(lang::Severity::Error, e.span, e.message, sources);
  locate(out, e.span, sources);
  return out;
}

compiler::EngineKind engine_kind(EngineKind kind) {
  switch (kind) {
    case EngineKind::Jit: return compiler::EngineKind::Jit;
    case EngineKind::Interpreter: return compiler::EngineKind::Interpreter;
    case EngineKind::Auto: return compiler::EngineKind::Auto;
  }
  return compiler::EngineKind::Auto;
}

template <typename Load>
CompileResult compile_with(const CompileOptions& options, Load load) {
  auto data = std::make_shared<detail::PolicyData>();
  lang::Diagnostics diags{lang::DiagnosticOptions{20}};
  lang::LoadOptions load_options;
  load_options.stdlib_dir = options.stdlib_dir;
  data->program = load(data->sources, diags, load_options);
  // Type errors after syntax errors would mostly be echoes of them.
  if (!diags.has_errors()) lang::check_program(data->program, diags, lang::CheckOptions{});
  diags.sort();
  CompileResult result;
  for (const lang::Diagnostic& d : diags.all()) result.diagnostics.push_back(from_check(d, data->sources));
  if (diags.has_errors()) return result;
  auto compiled = compiler::compile_policy(data->program, data->sources, engine_kind(options.engine),
                                           {.record_reads = options.audit});
  if (auto* errors = std::get_if<std::vector<compiler::CompileError>>(&compiled)) {
    for (const auto& e : *errors) result.diagnostics.push_back(from_compile(e, data->sources));
    return result;
  }
  data->compiled = std::move(std::get<std::unique_ptr<compiler::CompiledPolicy>>(compiled));
  data->audit = options.audit;
  result.policy = detail::PolicyAccess::make(std::move(data));
  return result;
}

}  // namespace

const std::string& Policy::hash() const { return data_->compiled->hash; }

EngineKind Policy::engine() const {
  return data_->compiled->engine == compiler::EngineKind::Jit ? EngineKind::Jit : EngineKind::Interpreter;
}

const std::string& Policy::warning() const { return data_->compiled->warning; }

std::vector<std::string> Policy::event_types() const {
  std::vector<std::string> out;
  for (const auto& [type, layout] : data_->compiled->plan->layouts.events) out.push_back(type);
  return out;
}

std::string CompileResult::text() const {
  std::string out;
  for (const Diagnostic& d : diagnostics) out += d.text;
  return out;
}

CompileResult compile(const std::vector<std::string>& paths, const CompileOptions& options) {
  return compile_with(options, [&](lang::SourceManager& sources, lang::Diagnostics& diags, const lang::LoadOptions& load) {
    return lang::load_program(paths, sources, diags, load);
  });
}

CompileResult compile_source(const std::string& name, const std::string& text, const CompileOptions& options) {
  return compile_with(options, [&](lang::SourceManager& sources, lang::Diagnostics& diags, const lang::LoadOptions& load) {
    return lang::load_program_text(name, text, sources, diags, load);
  });
}

}  // namespace writ
