#include "lang/json_writer.hpp"

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <random>
#include <string>

using writ::lang::json_quote;

namespace {

// The quoting rules one byte at a time: printable ASCII and DEL as they are, the quote,
// the backslash and the control characters escaped, a valid UTF-8 sequence as it is, any
// other byte as U+FFFD.
std::string reference_quote(const std::string& s) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    bool valid = n != 0 && i + n <= s.size();
    for (std::size_t k = 1; valid && k < n; ++k) valid = (static_cast<unsigned char>(s[i + k]) >> 6) == 0x2;
    if (!valid) {
      out += "\\ufffd";
      ++i;
    } else if (n > 1) {
      out += s.substr(i, n);
      i += n;
    } else {
      switch (b) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          if (b < 0x20) out += fmt::format("\\u{:04x}", b);
          else out += static_cast<char>(b);
      }
      ++i;
    }
  }
  return out + "\"";
}

}  // namespace

TEST_CASE("JSON quoting finds every byte to escape at any position in a long plain run", "[lang][json]") {
  const std::string specials[] = {"\"", "\\", "\n", "\x01", "\x1f", "\x7f", "\xc3\xa9", "\xe2\x82\xac", "\xff", "\xc3"};
  for (const std::string& special : specials) {
    for (std::size_t at = 0; at < 40; ++at) {
      std::string s = std::string(at, 'a') + special + std::string(40 - at, 'z');
      CHECK(json_quote(s) == reference_quote(s));
    }
  }
}

TEST_CASE("JSON quoting finds the byte to escape in texts of every length up to 48", "[lang][json]") {
  // Texts are tested 16 and 8 bytes at a time with an overlapping last piece: each length
  // takes its own path, and every position its own piece.
  const std::string specials[] = {"\"", "\x01", "\x7f", "\xc3\xa9", "\xff"};
  for (std::size_t length = 0; length <= 48; ++length) {
    std::string plain(length, 'p');
    CHECK(json_quote(plain) == reference_quote(plain));
    for (const std::string& special : specials) {
      for (std::size_t at = 0; at < length; ++at) {
        std::string s = plain;
        s.replace(at, 1, special);
        INFO(length << " " << at);
        CHECK(json_quote(s) == reference_quote(s));
      }
    }
  }
}

TEST_CASE("JSON quoting of random bytes matches the byte-by-byte rules", "[lang][json]") {
  std::mt19937 rng(20261127);
  // Mostly plain text, with every other kind of byte mixed in.
  std::uniform_int_distribution<int> kind(0, 9), byte(0, 255), plain(0x20, 0x7e), length(0, 70);
  for (int n = 0; n < 2000; ++n) {
    std::string s;
    for (int k = length(rng); k > 0; --k) s += static_cast<char>(kind(rng) < 8 ? plain(rng) : byte(rng));
    INFO(s);
    CHECK(json_quote(s) == reference_quote(s));
  }
}

TEST_CASE("JSON quoting through a pointer stays within its bound, whatever the bytes", "[lang][json]") {
  // Bytes that take the most room each: invalid UTF-8 and control characters, six bytes apiece.
  const std::string worst[] = {"", std::string(33, '\xff'), std::string(33, '\x01'), "\xc3\x01\xff\"\\\n\x1f"};
  for (const std::string& s : worst) {
    std::string room(writ::lang::json_quoted_bound(s.size()) + 8, '#');
    char* end = writ::lang::write_json_quoted(room.data(), s);
    auto used = static_cast<std::size_t>(end - room.data());
    CHECK(used <= writ::lang::json_quoted_bound(s.size()));
    CHECK(room.substr(0, used) == reference_quote(s));
    CHECK(room.substr(room.size() - 8) == "########");
  }
}
