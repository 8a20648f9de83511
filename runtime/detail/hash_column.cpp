#include "runtime/detail/hash_column.hpp"

#include <array>

namespace writ::runtime::detail {

namespace {

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

}  // namespace writ::runtime::detail
