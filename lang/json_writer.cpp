#include "lang/json_writer.hpp"

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <cstring>

namespace writ::lang {

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_ += ',';
    first_.back() = false;
  }
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  out_ += '{';
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  out_ += '}';
  first_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value();
  out_ += '[';
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  out_ += ']';
  first_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view k) {
  before_value();
  append_json_quoted(out_, k);
  out_ += ':';
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view s) {
  before_value();
  append_json_quoted(out_, s);
  return *this;
}

JsonWriter& JsonWriter::number(std::int64_t n) {
  before_value();
  out_ += fmt::format("{}", n);
  return *this;
}

JsonWriter& JsonWriter::boolean(bool b) {
  before_value();
  out_ += b ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_ += "null";
  return *this;
}

namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 when the bytes there are not one.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  auto b = static_cast<unsigned char>(s[i]);
  std::size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return 0;
  }
  return n;
}

// Printable ASCII other than the quote and the backslash: copied as it is.
constexpr std::array<bool, 256> kPlain = [] {
  std::array<bool, 256> plain{};
  for (int b = 0x20; b < 0x80; ++b) plain[static_cast<std::size_t>(b)] = b != '"' && b != '\\';
  return plain;
}();

// Whether the 8 bytes at `p` are all plain: nothing to escape and no byte from 0x80, whose
// UTF-8 is checked a sequence at a time.
bool plain8(const char* p) {
  constexpr std::uint64_t kHighs = 0x8080808080808080ull;
  std::uint64_t v = 0;
  std::memcpy(&v, p, sizeof v);
  return (v & kHighs) == 0 && !json_escape_in_8(p);
}

// The same for the 16 bytes at `p`, as one vector (SSE2 on x86-64; GCC lowers it to what
// the target has).
bool plain16(const char* p) {
  using Bytes = signed char __attribute__((vector_size(16)));
  Bytes v;
  std::memcpy(&v, p, sizeof v);
  // Signed, so bytes from 0x80 are below the space too.
  Bytes bad = (v < ' ') | (v == '"') | (v == '\\');
  std::uint64_t halves[2];
  std::memcpy(halves, &bad, sizeof halves);
  return (halves[0] | halves[1]) == 0;
}

// The end of the run of plain bytes starting at s[i]. Most texts are plain from end to end:
// they are tested 16 or 8 bytes at a time, the last piece overlapping the one before instead
// of a byte at a time; a byte at a time only finds where the run ends.
std::size_t plain_run_end(std::string_view s, std::size_t i) {
  const char* p = s.data();
  const std::size_t n = s.size();
  if (n - i >= 16) {
    while (i + 16 <= n && plain16(p + i)) i += 16;
    if (i + 16 > n && (i == n || plain16(p + n - 16))) return n;
  } else if (n - i >= 8) {
    if (plain8(p + i) && plain8(p + n - 8)) return n;
  }
  while (i < n && kPlain[static_cast<unsigned char>(p[i])]) ++i;
  return i;
}

// The two-character escape of `c`, or null when it has none.
const char* short_escape(unsigned char c) {
  switch (c) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    default: return nullptr;
  }
}

// The escape of the character or UTF-8 sequence at s[i], which is not plain, written at `p`
// (at most 6 bytes for each byte it consumes); moves `i` past what it consumed.
char* write_escaped(char* p, std::string_view s, std::size_t& i) {
  auto c = static_cast<unsigned char>(s[i]);
  std::size_t n = utf8_length(s, i);
  if (n == 0) {
    ++i;
    std::memcpy(p, "\\ufffd", 6);
    return p + 6;
  }
  if (n > 1) {
    std::memcpy(p, s.data() + i, n);
    i += n;
    return p + n;
  }
  ++i;
  if (const char* two = short_escape(c)) {
    std::memcpy(p, two, 2);
    return p + 2;
  }
  // The other control characters.
  constexpr char kHex[] = "0123456789abcdef";
  std::memcpy(p, "\\u00", 4);
  p[4] = kHex[c >> 4];
  p[5] = kHex[c & 0xF];
  return p + 6;
}

}  // namespace

char* write_json_quoted(char* p, std::string_view s) {
  *p++ = '"';
  for (std::size_t i = 0; i < s.size();) {
    // Runs of plain characters, nearly every text the engine prints, go in one copy.
    std::size_t end = plain_run_end(s, i);
    std::memcpy(p, s.data() + i, end - i);
    p += end - i;
    i = end;
    if (i < s.size()) p = write_escaped(p, s, i);
  }
  *p++ = '"';
  return p;
}

void append_json_quoted(std::string& out, std::string_view s) {
  std::size_t at = out.size();
  if (plain_run_end(s, 0) == s.size()) {
    // Nearly every text the engine prints: one resize and one copy, where a character
    // appended at a time was a call into the string each (2-4 % of a replay).
    out.resize(at + s.size() + 2);
    char* p = out.data() + at;
    p[0] = '"';
    if (!s.empty()) std::memcpy(p + 1, s.data(), s.size());
    p[s.size() + 1] = '"';
    return;
  }
  out.resize(at + json_quoted_bound(s.size()));
  char* end = write_json_quoted(out.data() + at, s);
  out.resize(static_cast<std::size_t>(end - out.data()));
}

std::string json_quote(std::string_view s) {
  std::string out;
  append_json_quoted(out, s);
  return out;
}

}  // namespace writ::lang
