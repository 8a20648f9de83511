#include "runtime/state_codec.hpp"

#include <fmt/format.h>

namespace writ::runtime {

namespace {

// Zigzag (put_int) keeps small negative numbers as short as small positive ones.
std::int64_t unzigzag(std::uint64_t u) { return static_cast<std::int64_t>(u >> 1) ^ -static_cast<std::int64_t>(u & 1); }

constexpr std::size_t kMaxVarintBytes = 10;  // 64 bits, 7 a byte

}  // namespace

void StateWriter::put_long(std::uint64_t zigzagged) {
  char bytes[kMaxVarintBytes];
  std::size_t n = 0;
  for (std::uint64_t u = zigzagged;; u >>= 7) {
    if (u < 0x80) {
      bytes[n++] = static_cast<char>(u);
      break;
    }
    bytes[n++] = static_cast<char>((u & 0x7f) | 0x80);
  }
  out_.append(bytes, n);
}

void StateWriter::put_str(std::string_view s) {
  put_int(static_cast<std::int64_t>(s.size()));
  out_.append(s);
}

std::string_view StateReader::take(std::size_t n, const char* what) {
  if (in_.size() - pos_ < n) throw StateDecodeError(fmt::format("it ends inside {}", what));
  std::string_view out = in_.substr(pos_, n);
  pos_ += n;
  return out;
}

// Only the shortest form is accepted, so that one state has one encoding: a last byte of 0
// after others, or bits past the 64th, are damage.
std::int64_t StateReader::get_int() {
  std::uint64_t u = 0;
  for (std::size_t i = 0; i < kMaxVarintBytes; ++i) {
    auto byte = static_cast<std::uint8_t>(take(1, "a number")[0]);
    u |= static_cast<std::uint64_t>(byte & 0x7f) << (7 * i);
    if (byte < 0x80) {
      if (i > 0 && byte == 0) throw StateDecodeError("a number is not in its shortest form");
      if (i == kMaxVarintBytes - 1 && byte > 1) throw StateDecodeError("a number has more than 64 bits");
      return unzigzag(u);
    }
  }
  throw StateDecodeError("a number has more than 64 bits");
}

std::string StateReader::get_str() {
  std::size_t n = get_count(in_.size() - pos_, "a text's length");
  return std::string(take(n, "a text"));
}

bool StateReader::get_flag() {
  char c = take(1, "a flag")[0];
  if (c != 0 && c != 1) throw StateDecodeError("a flag is neither 0 nor 1");
  return c == 1;
}

std::size_t StateReader::get_count(std::size_t limit, const char* what) {
  std::int64_t n = get_int();
  if (n < 0 || static_cast<std::uint64_t>(n) > limit) throw StateDecodeError(fmt::format("{} {} is out of range", what, n));
  return static_cast<std::size_t>(n);
}

std::size_t StateReader::get_items(std::size_t item_bytes, const char* what) {
  return get_count((in_.size() - pos_) / (item_bytes ? item_bytes : 1), what);
}

}  // namespace writ::runtime
