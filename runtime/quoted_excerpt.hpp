#pragma once
// Input text quoted into a rejection message: as a JSON string, so control characters and
// quotes cannot break the message or the line it is written on, and cut short so one huge
// value cannot make a huge message.
#include <cstddef>
#include <string>
#include <string_view>

namespace writ::runtime {

inline constexpr std::size_t kExcerptBytes = 64;

// `"text"`, with `"`, `\` and control characters escaped; longer text is cut at a UTF-8
// character boundary at or before kExcerptBytes and followed by `…` after the quote.
std::string quoted_excerpt(std::string_view text);

}  // namespace writ::runtime
