#include "lang/diagnostic.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "lang/json_writer.hpp"

namespace writ::lang {

Diagnostic& Diagnostics::report(Severity severity, Code code, Span span, std::string message) {
  if (severity == Severity::Error) {
    if (errors_ >= options_.max_errors) {
      ++dropped_;
      ++errors_;
      scratch_ = Diagnostic{};
      return scratch_;
    }
    ++errors_;
  } else if (severity == Severity::Warning) {
    ++warnings_;
  }
  list_.push_back(Diagnostic{severity, code, span, std::move(message), {}, {}});
  return list_.back();
}

void Diagnostics::sort() {
  std::stable_sort(list_.begin(), list_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.span.file != b.span.file) return a.span.file < b.span.file;
    return a.span.begin < b.span.begin;
  });
}

namespace {

const char* severity_word(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

// The source line with a caret run under the part of `span` that lies on that line.
void render_snippet(std::string& out, const SourceFile& file, const Span& span) {
  LineCol start = file.line_col(span.begin);
  std::string_view line = file.line_text(start.line);
  std::string gutter = fmt::format("{}", start.line);
  std::string pad(gutter.size(), ' ');
  std::string shown;
  for (char c : line) shown += (c == '\t') ? ' ' : c;
  fmt::format_to(std::back_inserter(out), "{} |\n{} | {}\n{} | ", pad, gutter, shown, pad);
  std::uint32_t col = start.column - 1;
  std::uint32_t width = 1;
  if (span.end > span.begin) {
    std::uint32_t line_end = col + static_cast<std::uint32_t>(line.size() - std::min<std::size_t>(col, line.size()));
    std::uint32_t span_end_col = col + (span.end - span.begin);
    width = std::max<std::uint32_t>(1, std::min(span_end_col, line_end) - col);
  }
  out.append(col, ' ');
  out.append(width, '^');
  out += '\n';
}

std::string location(const SourceManager& sources, const Span& span) {
  if (span.file >= sources.size()) return "<unknown>";
  const SourceFile& file = sources.file(span.file);
  LineCol lc = file.line_col(span.begin);
  return fmt::format("{}:{}:{}", file.path(), lc.line, lc.column);
}

}  // namespace

std::string render_text(const Diagnostic& d, const SourceManager& sources) {
  std::string out = fmt::format("{}: {}[{}]: {}\n", location(sources, d.span), severity_word(d.severity),
                                code_string(d.code), d.message);
  if (d.span.file < sources.size()) render_snippet(out, sources.file(d.span.file), d.span);
  for (const auto& note : d.notes) {
    if (note.has_span && note.span.file < sources.size()) {
      fmt::format_to(std::back_inserter(out), "{}: note: {}\n", location(sources, note.span), note.message);
      render_snippet(out, sources.file(note.span.file), note.span);
    } else {
      fmt::format_to(std::back_inserter(out), "  = note: {}\n", note.message);
    }
  }
  if (!d.help.empty()) fmt::format_to(std::back_inserter(out), "  = help: {}\n", d.help);
  return out;
}

std::string render_located(Severity severity, const Span& span, const std::string& message,
                           const SourceManager& sources) {
  std::string out = fmt::format("{}: {}: {}\n", location(sources, span), severity_word(severity), message);
  if (span.file < sources.size()) render_snippet(out, sources.file(span.file), span);
  return out;
}

std::string render_text(const Diagnostics& ds, const SourceManager& sources) {
  std::string out;
  for (const auto& d : ds.all()) out += render_text(d, sources);
  if (ds.dropped() > 0) {
    out += fmt::format("note: {} more error(s) not shown (limit reached)\n", ds.dropped());
  }
  return out;
}

namespace {

void write_location(JsonWriter& w, const SourceManager& sources, const Span& span) {
  if (span.file >= sources.size()) return;
  const SourceFile& file = sources.file(span.file);
  LineCol begin = file.line_col(span.begin);
  LineCol end = file.line_col(span.end);
  w.key("file").string(file.path());
  w.key("line").number(begin.line);
  w.key("column").number(begin.column);
  w.key("end_line").number(end.line);
  w.key("end_column").number(end.column);
  w.key("offset").number(span.begin);
  w.key("length").number(span.end - span.begin);
}

}  // namespace

std::string render_json(const Diagnostics& ds, const SourceManager& sources) {
  JsonWriter w;
  w.begin_object();
  w.key("diagnostics").begin_array();
  for (const auto& d : ds.all()) {
    w.begin_object();
    w.key("severity").string(severity_word(d.severity));
    w.key("code").string(code_string(d.code));
    w.key("message").string(d.message);
    write_location(w, sources, d.span);
    w.key("notes").begin_array();
    for (const auto& note : d.notes) {
      w.begin_object();
      w.key("message").string(note.message);
      if (note.has_span) write_location(w, sources, note.span);
      w.end_object();
    }
    w.end_array();
    if (!d.help.empty()) w.key("help").string(d.help);
    w.end_object();
  }
  w.end_array();
  w.key("errors").number(ds.error_count());
  w.key("warnings").number(ds.warning_count());
  w.end_object();
  return w.take() + "\n";
}

}  // namespace writ::lang
