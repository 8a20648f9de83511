#include "compiler/sha256.hpp"

#include <openssl/evp.h>

#include <array>
#include <cstring>
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

namespace {

// The two hex digits of every byte, built once.
constexpr std::array<char, 512> kHexPairs = [] {
  constexpr char kDigits[] = "0123456789abcdef";
  std::array<char, 512> pairs{};
  for (int b = 0; b < 256; ++b) {
    pairs[2 * b] = kDigits[b >> 4];
    pairs[2 * b + 1] = kDigits[b & 0xf];
  }
  return pairs;
}();

}  // namespace

void hex_into(std::string_view bytes, std::string& out) {
  out.resize(2 * bytes.size());
  char* at = out.data();
  for (char c : bytes) {
    std::memcpy(at, &kHexPairs[2 * static_cast<std::uint8_t>(c)], 2);
    at += 2;
  }
}

std::string to_hex(const Digest& digest) {
  std::string out;
  hex_into(bytes_of(digest), out);
  return out;
}

}  // namespace writ::compiler
