#include "compiler/sha256.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace writ::compiler {

namespace {
EVP_MD_CTX* md(void* p) { return static_cast<EVP_MD_CTX*>(p); }
}  // namespace

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
  // Allocation failure is the only way either call fails; there is nothing to hash with.
  if (!ctx_ || EVP_DigestInit_ex(md(ctx_), EVP_sha256(), nullptr) != 1) throw std::bad_alloc();
}

Sha256::~Sha256() { EVP_MD_CTX_free(md(ctx_)); }

void Sha256::update(std::string_view bytes) { EVP_DigestUpdate(md(ctx_), bytes.data(), bytes.size()); }

Digest Sha256::finish() {
  Digest out{};
  unsigned int len = 0;
  EVP_DigestFinal_ex(md(ctx_), out.data(), &len);
  return out;
}

Digest sha256(std::string_view bytes) {
  Sha256 h;
  h.update(bytes);
  return h.finish();
}

std::string to_hex(const Digest& digest) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(64);
  for (std::uint8_t b : digest) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

}  // namespace writ::compiler
