// The parser's entry point: checks what the grammar cannot (size, UTF-8 inside strings and
// comments), collects comments for the formatter, then reads the file one top-level item
// at a time, resuming after each syntax error at the next declaration.
#include "lang/parser.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fmt/format.h>
#include <string_view>

#include "lang/ast_builder.hpp"
#include "lang/literal_reader.hpp"

namespace writ::lang {

namespace {

// Spans hold 32-bit offsets; well below that, a policy file has no reason to be this big.
constexpr std::size_t kMaxFileBytes = 64u * 1024 * 1024;
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Reports the first byte of [begin, end) that is not valid UTF-8, if any.
void check_utf8(const SourceFile& file, std::size_t begin, std::size_t end, Diagnostics& diags) {
  std::string_view text = file.text();
  for (std::size_t i = begin; i < end;) {
    std::size_t length = utf8_length(text, i);
    if (length == 0 || i + length > end) {
      auto at = static_cast<std::uint32_t>(i);
      diags.error(Code::InvalidCharacter, {file.id(), at, at + 1},
                  fmt::format("invalid UTF-8: byte 0x{:02X} does not start a character here",
                              static_cast<unsigned char>(text[i])));
      return;
    }
    i += length;
  }
}

// Where a string that opens at `quote` ends, by the grammar's rules: after its closing
// quote, or at its line's end when it has none.
std::size_t string_end(std::string_view text, std::size_t quote) {
  std::size_t i = quote + 1;
  while (i < text.size() && text[i] != '"' && text[i] != '\n' && text[i] != '\r') {
    bool escape = text[i] == '\\' && i + 1 < text.size() && text[i + 1] != '\n' && text[i + 1] != '\r';
    i += escape ? 2 : 1;
  }
  return i < text.size() && text[i] == '"' ? i + 1 : i;
}

// Every `//` comment outside strings, in order; checks the UTF-8 of strings and comments
// on the way (elsewhere a non-ASCII byte is a syntax error of its own).
std::vector<Comment> scan_comments(const SourceFile& file, Diagnostics& diags) {
  std::string_view text = file.text();
  std::vector<Comment> comments;
  bool code_on_line = false;
  std::size_t i = text.starts_with(kByteOrderMark) ? kByteOrderMark.size() : 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '"') {
      std::size_t end = string_end(text, i);
      check_utf8(file, i + 1, end, diags);
      code_on_line = true;
      i = end;
    } else if (c == '/' && text.substr(i, 2) == "//") {
      std::size_t end = std::min(text.find('\n', i), text.size());
      if (text[end - 1] == '\r') --end;
      check_utf8(file, i, end, diags);
      Span span{file.id(), static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(end)};
      comments.push_back({std::string(text.substr(i, end - i)), span, code_on_line});
      i = end;
    } else {
      if (c == '\n') code_on_line = false;
      if (!is_blank(c)) code_on_line = true;
      ++i;
    }
  }
  return comments;
}

// After a syntax error, reading resumes at the first line at or after `from` that starts
// (in its first column) with a declaration keyword or an annotation.
std::uint32_t resume_point(std::string_view text, std::size_t from) {
  static constexpr std::array<std::string_view, 23> kStarts = {
      "policy",  "import",    "enum",  "const",      "event",      "state",  "global",  "table",
      "calendar", "services", "classify", "rule",    "permit",     "guard",  "suppress", "correlate",
      "sla",     "escalation", "obligation", "freeze", "measure", "test", "@"};
  auto starts_item = [&](std::size_t at) {
    for (std::string_view word : kStarts) {
      if (!text.substr(at).starts_with(word)) continue;
      if (word == "@") return true;
      char next = at + word.size() < text.size() ? text[at + word.size()] : ' ';
      // `state.tier` or `events` continue something else.
      if (!std::isalnum(static_cast<unsigned char>(next)) && next != '_' && next != '.') return true;
    }
    return false;
  };
  std::size_t at = from;
  while (at < text.size()) {
    if ((at == 0 || text[at - 1] == '\n') && starts_item(at)) return static_cast<std::uint32_t>(at);
    std::size_t newline = text.find('\n', at);
    if (newline == std::string_view::npos) break;
    at = newline + 1;
  }
  return static_cast<std::uint32_t>(text.size());
}

}  // namespace

std::optional<Module> parse_module(const SourceFile& file, Diagnostics& diags, const ParseOptions& options) {
  std::string_view text = file.text();
  if (text.size() > kMaxFileBytes) {
    diags.error(Code::IoError, {file.id(), 0, 0},
                fmt::format("the file has {} bytes; Writ reads policy files of at most 64 MiB", text.size()));
    return std::nullopt;
  }
  std::vector<Comment> comments = scan_comments(file, diags);
  AstBuilder builder(file, diags, options, comments);
  auto size = static_cast<std::uint32_t>(text.size());
  std::uint32_t at = builder.file_start();
  while (at < size) {
    ItemResult item = builder.parse_item(at);
    at = item.ok ? item.offset : resume_point(text, std::max(item.offset, at + 1));
  }
  Module module = builder.take_module();
  module.comments = std::move(comments);
  return module;
}

}  // namespace writ::lang
