#include "lang/builder_state.hpp"

#include <cctype>

namespace writ::lang::detail {

// Lines that start with a letter in their first column: in a file laid out as `writ fmt`
// writes it, one per `policy`, `import` and declaration (bodies are indented; `}` and
// comments are not letters).
std::size_t BuilderState::expected_decl_count(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t at = 0; at < text.size();) {
    if (std::isalpha(static_cast<unsigned char>(text[at]))) ++count;
    std::size_t newline = text.find('\n', at);
    if (newline == std::string_view::npos) break;
    at = newline + 1;
  }
  return count;
}

std::uint32_t BuilderState::token_length(std::uint32_t at) const {
  const std::string& text = file.text();
  auto c = static_cast<unsigned char>(at < text.size() ? text[at] : 0);
  std::uint32_t end = at;
  auto is_word = [](unsigned char ch) { return std::isalnum(ch) || ch == '_'; };
  if (is_word(c)) {
    while (end < text.size() && is_word(static_cast<unsigned char>(text[end]))) ++end;
  } else if (at < text.size()) {
    end = at + 1;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  }
  return end - at;
}

// A syntax error at `at`: E0108 when the byte there cannot start any token (the grammar's
// expectation then becomes the help), E0100 otherwise.
void BuilderState::report_syntax_error(std::uint32_t at, std::string message) {
  const std::string& text = file.text();
  Span where{file.id(), at, at + token_length(at)};
  if (at >= text.size()) {
    diags.error(Code::SyntaxError, where, message + ", but the file ends here");
    return;
  }
  auto c = static_cast<unsigned char>(text[at]);
  static constexpr std::string_view kTokenStarts = "_\"@(){},.:=!<>+-*/%? \t\r\n";
  if (std::isalnum(c) || kTokenStarts.find(static_cast<char>(c)) != std::string_view::npos) {
    diags.error(Code::SyntaxError, where, std::move(message));
    return;
  }
  std::string what;
  if (c >= 0x80) {
    what = utf8_length(text, at) == 0 ? fmt::format("0x{:02X} (invalid UTF-8)", c) : fmt::format("`{}`", text_of(where));
  } else if (c < 0x20 || c == 0x7F) {
    what = fmt::format("0x{:02X} (a control character)", c);
  } else {
    what = fmt::format("`{}`", static_cast<char>(c));
  }
  Diagnostic& d = diags.error(Code::InvalidCharacter, where,
                              fmt::format("unexpected character {} outside a string or comment", what));
  d.help = std::move(message);
}

}  // namespace writ::lang::detail
