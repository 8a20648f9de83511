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
// Lower-case hexadecimal, 64 characters.
std::string to_hex(const Digest& digest);

}  // namespace writ::compiler
