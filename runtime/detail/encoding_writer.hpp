#pragma once
// The building blocks of the canonical encoding (docs/audit.md, "The canonical encoding"),
// written into a buffer sized beforehand: one resize per record instead of a capacity
// check and a length update per piece. Every writer of an encoding goes through this, so
// the record's hash, a record image and a name table's key agree byte for byte.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace writ::runtime::detail {

// One instruction rather than eight shifts and stores per integer: a record has a dozen
// and more (bench/RESULTS.md, "A record written once"). Its own inverse.
constexpr std::uint64_t to_big_endian(std::uint64_t u) {
  if constexpr (std::endian::native == std::endian::little) {
    return __builtin_bswap64(u);
  } else {
    return u;
  }
}

class EncodingWriter {
 public:
  explicit EncodingWriter(char* at) : at_(at) {}

  // int(x): 8 bytes, big-endian two's complement.
  void put_int(std::int64_t x) {
    std::uint64_t big = to_big_endian(static_cast<std::uint64_t>(x));
    std::memcpy(at_, &big, sizeof big);
    at_ += sizeof big;
  }

  // str(s): the byte length as int, then the bytes.
  void put_str(std::string_view s) {
    put_int(static_cast<std::int64_t>(s.size()));
    put_bytes(s);
  }

  // str(a + b) without joining them first.
  void put_str(std::string_view a, std::string_view b) {
    put_int(static_cast<std::int64_t>(a.size() + b.size()));
    put_bytes(a);
    put_bytes(b);
  }

  void put_byte(char c) { *at_++ = c; }

  char* at() const { return at_; }

  // The bytes of int(x) and of str(s).
  static constexpr std::size_t kIntSize = 8;
  static std::size_t str_size(std::string_view s) { return kIntSize + s.size(); }

 private:
  void put_bytes(std::string_view s) {
    if (s.empty()) return;  // a view of nothing may have no data to copy from
    std::memcpy(at_, s.data(), s.size());
    at_ += s.size();
  }

  char* at_;
};

// int(x) read back; `at` holds at least kIntSize bytes.
inline std::int64_t read_int(const char* at) {
  std::uint64_t big = 0;
  std::memcpy(&big, at, sizeof big);
  return static_cast<std::int64_t>(to_big_endian(big));
}

}  // namespace writ::runtime::detail
