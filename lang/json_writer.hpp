#pragma once
// A small streaming JSON writer: commas and escaping handled here, so no caller builds JSON
// by string concatenation.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace writ::lang {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  JsonWriter& string(std::string_view s);
  JsonWriter& number(std::int64_t n);
  JsonWriter& boolean(bool b);
  JsonWriter& null();
  std::string take() { return std::move(out_); }

 private:
  void before_value();
  std::string out_;
  std::vector<bool> first_;  // one entry per open container: no element written yet
  bool after_key_ = false;
};

// `s` as a JSON string literal, quotes included; invalid UTF-8 bytes become U+FFFD.
std::string json_quote(std::string_view s);
// The same, appended to `out`.
void append_json_quoted(std::string& out, std::string_view s);
// The most bytes the literal of a text of `n` bytes takes: each byte escaped as \u00XX or
// replaced by \ufffd, and the quotes.
constexpr std::size_t json_quoted_bound(std::size_t n) { return 6 * n + 2; }
// The same literal written at `p`, which has room for json_quoted_bound(s.size()) bytes;
// returns the end of what it wrote.
char* write_json_quoted(char* p, std::string_view s);

// Whether any of the 8 bytes at `p` is one a JSON string cannot hold as it is (a control
// character, the quote or the backslash), tested together by bit tricks on one word. Bytes
// from 0x80 do not count: a scanner that checks UTF-8 tests them itself. Both JSON string
// writers scan with it: this one and the audit trail's (runtime/detail/values_column.cpp).
inline bool json_escape_in_8(const char* p) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  std::uint64_t v = 0;
  std::memcpy(&v, p, sizeof v);
  auto has_zero = [](std::uint64_t x) { return (x - kOnes) & ~x & kHighs; };
  std::uint64_t below_space = (v - kOnes * 0x20) & ~v & kHighs;
  return (below_space | has_zero(v ^ (kOnes * '"')) | has_zero(v ^ (kOnes * '\\'))) != 0;
}

}  // namespace writ::lang
