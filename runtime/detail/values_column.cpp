#include "runtime/detail/values_column.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <cstring>

#include "lang/json_writer.hpp"

namespace writ::runtime::detail {

namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

// A byte copied into a JSON string as it is: not a control character, the quote or the
// backslash. Bytes from 0x80 are UTF-8 and stay as they are.
bool plain_byte(unsigned char c) { return c >= 0x20 && c != '"' && c != '\\'; }

// The end of the run of plain bytes starting at s[i]: a word at a time, then byte by byte.
// A byte at a time, the scan and its appends were a sixth of the writing thread's
// instructions outside SHA-256 (bench/RESULTS.md, "A record written once").
std::size_t plain_run_end(std::string_view s, std::size_t i) {
  while (i + 8 <= s.size() && !lang::json_escape_in_8(s.data() + i)) i += 8;
  while (i < s.size() && plain_byte(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A reader of exactly the shape append_values_column writes, JSON whitespace allowed
// between tokens; the first thing out of place stops it with a reason.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  bool values(std::vector<AuditValue>& out) {
    std::size_t count = 0;
    if (!expect('[')) return false;
    if (!peek(']')) {
      do {
        if (count == out.size()) out.emplace_back();
        if (!value(out[count++])) return false;
      } while (accept(','));
    }
    out.resize(count);
    if (!expect(']')) return false;
    skip_space();
    if (pos_ != text_.size()) return fail("text after the array");
    return true;
  }

  const std::string& why() const { return why_; }

 private:
  bool value(AuditValue& v) {
    if (!expect('[') || !string(v.name) || !expect(',')) return false;
    if (accept_null()) {
      v.value.reset();
    } else {
      if (!v.value) v.value.emplace();
      if (!string(*v.value)) return false;
    }
    v.sensitive = accept(',');
    v.digest.clear();
    if (v.sensitive && !string(v.digest)) return false;
    return expect(']');
  }

  bool string(std::string& out) {
    out.clear();
    if (!expect('"')) return false;
    while (pos_ < text_.size()) {
      std::size_t plain = pos_;  // a run of bytes copied as they are, in one append
      while (plain < text_.size() && plain_byte(static_cast<unsigned char>(text_[plain]))) ++plain;
      out.append(text_, pos_, plain - pos_);
      pos_ = plain;
      if (pos_ == text_.size()) break;
      auto c = static_cast<unsigned char>(text_[pos_++]);
      if (c == '"') return true;
      if (c < 0x20) return fail("a control character inside a string");
      if (!escape(out)) return false;
    }
    return fail("a string that does not end");
  }

  bool escape(std::string& out) {
    if (pos_ >= text_.size()) return fail("a string that does not end");
    char c = text_[pos_++];
    switch (c) {
      case '"':
      case '\\':
      case '/': out += c; return true;
      case 'b': out += '\b'; return true;
      case 'f': out += '\f'; return true;
      case 'n': out += '\n'; return true;
      case 'r': out += '\r'; return true;
      case 't': out += '\t'; return true;
      case 'u': return code_point(out);
      default: return fail("an unknown escape");
    }
  }

  bool code_point(std::string& out) {
    std::uint32_t cp = 0;
    if (!hex4(cp)) return false;
    if (cp >= 0xdc00 && cp <= 0xdfff) return fail("a lone low surrogate");
    if (cp >= 0xd800 && cp <= 0xdbff) {
      std::uint32_t low = 0;
      if (text_.substr(pos_, 2) != "\\u") return fail("a lone high surrogate");
      pos_ += 2;
      if (!hex4(low)) return false;
      if (low < 0xdc00 || low > 0xdfff) return fail("a lone high surrogate");
      cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
    }
    append_utf8(out, cp);
    return true;
  }

  bool hex4(std::uint32_t& cp) {
    if (pos_ + 4 > text_.size()) return fail("a cut \\u escape");
    for (int i = 0; i < 4; ++i) {
      char c = text_[pos_++];
      int digit = hex_digit(c);
      if (digit < 0) return fail("a bad \\u escape");
      cp = cp * 16 + static_cast<std::uint32_t>(digit);
    }
    return true;
  }

  void skip_space() {
    while (pos_ < text_.size() && std::string_view(" \n\r\t").find(text_[pos_]) != std::string_view::npos) ++pos_;
  }

  bool peek(char c) {
    skip_space();
    return pos_ < text_.size() && text_[pos_] == c;
  }

  bool accept(char c) {
    if (!peek(c)) return false;
    ++pos_;
    return true;
  }

  bool accept_null() {
    skip_space();
    if (text_.substr(pos_, 4) != "null") return false;
    pos_ += 4;
    return true;
  }

  bool expect(char c) {
    if (accept(c)) return true;
    return fail(pos_ < text_.size() ? fmt::format("`{}` expected at byte {}", c, pos_ + 1)
                                    : fmt::format("`{}` expected at the end", c));
  }

  bool fail(std::string why) {
    if (why_.empty()) why_ = std::move(why);
    return false;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::string why_;
};

}  // namespace

char* write_json_string(char* out, std::string_view s) {
  *out++ = '"';
  for (std::size_t i = 0;;) {
    std::size_t end = plain_run_end(s, i);
    if (end > i) std::memcpy(out, s.data() + i, end - i);
    out += end - i;
    if (end == s.size()) break;
    auto c = static_cast<unsigned char>(s[end]);
    if (c == '"' || c == '\\') {
      *out++ = '\\';
      *out++ = static_cast<char>(c);
    } else {
      std::memcpy(out, "\\u00", 4);
      out[4] = kHexDigits[c >> 4];
      out[5] = kHexDigits[c & 0xf];
      out += 6;
    }
    i = end + 1;
  }
  *out++ = '"';
  return out;
}

void append_json_string(std::string& out, std::string_view s) {
  std::size_t at = out.size();
  out.resize(at + json_string_bound(s.size()));
  char* end = write_json_string(out.data() + at, s);
  out.resize(static_cast<std::size_t>(end - out.data()));
}

char* write_value_element(char* out, std::string_view name, const std::string_view* value, bool sensitive,
                          std::string_view digest) {
  *out++ = '[';
  out = write_json_string(out, name);
  *out++ = ',';
  if (value != nullptr) {
    out = write_json_string(out, *value);
  } else {
    std::memcpy(out, "null", 4);
    out += 4;
  }
  if (sensitive) {
    *out++ = ',';
    out = write_json_string(out, digest);
  }
  *out++ = ']';
  return out;
}

std::size_t values_column_bound(const std::vector<AuditValue>& values) {
  std::size_t bound = 2;
  for (const AuditValue& v : values) {
    bound += 1 + value_element_bound(v.name.size(), v.value ? v.value->size() : 0, v.digest.size());
  }
  return bound;
}

char* write_values_column(char* out, const std::vector<AuditValue>& values) {
  *out++ = '[';
  for (std::size_t i = 0; i < values.size(); ++i) {
    const AuditValue& v = values[i];
    if (i > 0) *out++ = ',';
    std::string_view value = v.value ? std::string_view(*v.value) : std::string_view();
    out = write_value_element(out, v.name, v.value ? &value : nullptr, v.sensitive, v.digest);
  }
  *out++ = ']';
  return out;
}

void append_values_column(std::string& out, const std::vector<AuditValue>& values) {
  std::size_t at = out.size();
  out.resize(at + values_column_bound(values));
  char* end = write_values_column(out.data() + at, values);
  out.resize(static_cast<std::size_t>(end - out.data()));
}

bool parse_values_column(std::string_view text, std::vector<AuditValue>& out, std::string& why) {
  Reader reader(text);
  if (reader.values(out)) return true;
  why = reader.why();
  return false;
}

}  // namespace writ::runtime::detail
