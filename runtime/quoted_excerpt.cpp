#include "runtime/quoted_excerpt.hpp"

#include <fmt/format.h>

namespace writ::runtime {

namespace {

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::string_view cut(std::string_view text) {
  if (text.size() <= kExcerptBytes) return text;
  std::size_t end = kExcerptBytes;
  while (end > 0 && is_continuation(text[end])) --end;
  return text.substr(0, end);
}

}  // namespace

std::string quoted_excerpt(std::string_view text) {
  std::string_view kept = cut(text);
  std::string out = "\"";
  for (char c : kept) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u == 0x7F) {
      out += fmt::format("\\u{:04x}", u);
    } else {
      out += c;
    }
  }
  out += '"';
  if (kept.size() < text.size()) out += "…";
  return out;
}

}  // namespace writ::runtime
