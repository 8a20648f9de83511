#include "runtime/detail/hash_column.hpp"

#include <array>

namespace writ::runtime::detail {

namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

// The value of each hex digit by its byte (0 for any other byte), built once: the store
// converts two hashes per record.
constexpr std::array<unsigned char, 256> kNibbles = [] {
  std::array<unsigned char, 256> table{};
  for (int c = 0; c < 10; ++c) table['0' + c] = static_cast<unsigned char>(c);
  for (int c = 0; c < 6; ++c) {
    table['a' + c] = static_cast<unsigned char>(10 + c);
    table['A' + c] = static_cast<unsigned char>(10 + c);
  }
  return table;
}();

unsigned nibble(char c) { return kNibbles[static_cast<unsigned char>(c)]; }

}  // namespace

void hash_to_bytes(std::string_view hex, std::string& out) {
  out.resize(hex.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = static_cast<char>(nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1]));
  }
}

void bytes_to_hash(std::string_view bytes, std::string& out) {
  out.resize(bytes.size() * 2);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    auto b = static_cast<unsigned char>(bytes[i]);
    out[2 * i] = kHexDigits[b >> 4];
    out[2 * i + 1] = kHexDigits[b & 0xf];
  }
}

}  // namespace writ::runtime::detail
