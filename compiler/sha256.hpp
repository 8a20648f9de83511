#pragma once
// SHA-256 (OpenSSL), the one hash of the product: the policy hash (here) and the audit
// chain (runtime).
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace writ::compiler {

using Digest = std::array<std::uint8_t, 32>;

// Incremental hashing, for inputs assembled piece by piece.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(std::string_view bytes);
  Digest finish();

 private:
  void* ctx_;  // EVP_MD_CTX, kept out of this header
};

Digest sha256(std::string_view bytes);
// The digest's 32 bytes as they are, for storing or hashing further.
inline std::string_view bytes_of(const Digest& digest) {
  return {reinterpret_cast<const char*>(digest.data()), digest.size()};
}
// Lower-case hexadecimal of any bytes into `out`, replacing what it held and reusing its
// buffer: the audit chain renders every record's hash.
void hex_into(std::string_view bytes, std::string& out);
// Lower-case hexadecimal, 64 characters.
std::string to_hex(const Digest& digest);

}  // namespace writ::compiler
