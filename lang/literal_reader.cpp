#include "lang/literal_reader.hpp"

#include <limits>

namespace writ::lang {

UnescapedText unescape(std::string_view raw) {
  UnescapedText out;
  out.value.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '\\') {
      out.value += raw[i];
      continue;
    }
    char next = i + 1 < raw.size() ? raw[i + 1] : '\0';
    switch (next) {
      case '"': out.value += '"'; break;
      case '\\': out.value += '\\'; break;
      case 'n': out.value += '\n'; break;
      case 't': out.value += '\t'; break;
      case '{': out.value += '{'; break;
      default:
        out.bad_escapes.push_back(i);
        out.value += '\\';
        if (i + 1 < raw.size()) out.value += next;
    }
    ++i;
  }
  return out;
}

MessageSplit split_message(std::string_view raw) {
  MessageSplit out;
  std::size_t run = 0;  // start of the current literal run
  std::size_t i = 0;
  while (i < raw.size()) {
    if (raw[i] == '\\') {
      i += 2;  // an escaped `{` (or anything escaped) never opens a hole
      continue;
    }
    if (raw[i] != '{') {
      ++i;
      continue;
    }
    std::size_t close = i + 1;
    int depth = 1;
    for (; close < raw.size(); ++close) {
      if (raw[close] == '{') ++depth;
      if (raw[close] == '}' && --depth == 0) break;
    }
    if (close >= raw.size()) {
      out.unclosed_hole = i;
      break;
    }
    if (i > run) out.segments.push_back({false, run, i});
    out.segments.push_back({true, i + 1, close});
    i = close + 1;
    run = i;
  }
  std::size_t end = std::min(i, raw.size());
  if (out.unclosed_hole) end = *out.unclosed_hole;
  if (end > run) out.segments.push_back({false, run, end});
  return out;
}

std::optional<std::int64_t> parse_int(std::string_view text) {
  if (text.empty() || text.back() == '_') return std::nullopt;
  std::int64_t value = 0;
  char previous = '\0';
  for (char c : text) {
    if (c == '_') {
      if (previous == '_') return std::nullopt;
    } else if (c >= '0' && c <= '9') {
      int digit = c - '0';
      if (value > (std::numeric_limits<std::int64_t>::max() - digit) / 10) return std::nullopt;
      value = value * 10 + digit;
    } else {
      return std::nullopt;
    }
    previous = c;
  }
  return value;
}

std::size_t utf8_length(std::string_view text, std::size_t at) {
  auto byte = [&](std::size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0u; };
  unsigned lead = byte(at);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned low = 0x80;  // allowed range of the second byte
  unsigned high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (byte(at + 1) < low || byte(at + 1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) return 0;
  }
  return length;
}

}  // namespace writ::lang
