#pragma once
// Reading the text of string, integer and message literals, apart from the grammar that
// finds them. Offsets are relative to the text given.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace writ::lang {

// The text between a string's quotes with its escapes replaced. An unknown escape is kept
// as written and listed, so each can be reported.
struct UnescapedText {
  std::string value;
  std::vector<std::size_t> bad_escapes;  // offsets of the backslashes
};
UnescapedText unescape(std::string_view raw);

// A message's text cut into literal runs and `{expr}` holes (braces excluded). Braces nest
// inside a hole so that a set literal can be interpolated.
struct MessageSegment {
  bool hole = false;
  std::size_t begin = 0;
  std::size_t end = 0;
};
struct MessageSplit {
  std::vector<MessageSegment> segments;
  std::optional<std::size_t> unclosed_hole;  // offset of a `{` that is never closed
};
MessageSplit split_message(std::string_view raw);

// `42`, `1_000`: underscores only between digits. nullopt when malformed or out of int64.
std::optional<std::int64_t> parse_int(std::string_view text);

// Length of the UTF-8 sequence starting at `text[at]` (1 for ASCII), or 0 when the bytes
// there are not valid UTF-8 (overlong forms and surrogates included).
std::size_t utf8_length(std::string_view text, std::size_t at);

}  // namespace writ::lang
