#include "runtime/hash_chain.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <cstdint>
#include <new>
#include <utility>

#include "compiler/sha256.hpp"

namespace writ::runtime {

using compiler::Digest;
using compiler::to_hex;

namespace {

// SHA-256 over two pieces, with one OpenSSL context and one fetched algorithm per thread
// rather than an allocation and a lookup per record: the chain hashes every record and the
// digest of every sensitive value.
class Hasher {
 public:
  Hasher() : md_(EVP_MD_fetch(nullptr, "SHA256", nullptr)), ctx_(EVP_MD_CTX_new()) {
    // Allocation failure is the only way these fail; there is nothing to hash with.
    if (!md_ || !ctx_) throw std::bad_alloc();
  }
  ~Hasher() {
    EVP_MD_CTX_free(ctx_);
    EVP_MD_free(md_);
  }
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;

  // The hex digest into `out`, reusing its buffer.
  void hex(std::string_view first, std::string_view second, std::string& out) {
    Digest digest{};
    unsigned int len = 0;
    if (EVP_DigestInit_ex(ctx_, md_, nullptr) != 1 || EVP_DigestUpdate(ctx_, first.data(), first.size()) != 1 ||
        EVP_DigestUpdate(ctx_, second.data(), second.size()) != 1 ||
        EVP_DigestFinal_ex(ctx_, digest.data(), &len) != 1) {
      throw std::bad_alloc();
    }
    static constexpr char kDigits[] = "0123456789abcdef";
    out.resize(2 * digest.size());
    for (std::size_t i = 0; i < digest.size(); ++i) {
      out[2 * i] = kDigits[digest[i] >> 4];
      out[2 * i + 1] = kDigits[digest[i] & 0xf];
    }
  }

 private:
  EVP_MD* md_;
  EVP_MD_CTX* ctx_;
};

Hasher& hasher() {
  thread_local Hasher h;
  return h;
}

// int(x): 8 bytes, big-endian two's complement.
void put_int(std::string& out, std::int64_t x) {
  auto u = static_cast<std::uint64_t>(x);
  char bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>((u >> (56 - 8 * i)) & 0xff);
  out.append(bytes, sizeof bytes);
}

// str(s): the byte length as int, then the bytes.
void put_str(std::string& out, std::string_view s) {
  put_int(out, static_cast<std::int64_t>(s.size()));
  out += s;
}

void put_value(std::string& out, const AuditValue& v) {
  put_str(out, v.name);
  out += static_cast<char>(v.sensitive ? 1 : 0);
  put_str(out, v.sensitive ? std::string_view(v.digest) : std::string_view(v.value ? *v.value : std::string()));
}

// The encoding into `out`, whose capacity is kept from one record to the next.
void encode_into(std::string& out, const AuditRecord& r) {
  out.clear();
  put_str(out, kRecordEncodingTag);
  put_int(out, r.seq);
  put_int(out, r.at_ms);
  for (const std::string* field : {&r.incident, &r.kind, &r.construct, &r.name, &r.span, &r.outcome, &r.target,
                                   &r.reason, &r.policy_hash}) {
    put_str(out, *field);
  }
  put_int(out, static_cast<std::int64_t>(r.values.size()));
  for (const AuditValue& v : r.values) put_value(out, v);
}

}  // namespace

std::string encode_record(const AuditRecord& r) {
  std::string out;
  encode_into(out, r);
  return out;
}

namespace {

// The hash into `out`, with the encoding in a buffer kept from one record to the next.
void hash_into(const AuditRecord& record, std::string& out) {
  thread_local std::string encoding;
  encode_into(encoding, record);
  hasher().hex(record.prev_hash, encoding, out);
}

void digest_into(std::string_view salt, std::string_view name, std::string_view value, std::string& out) {
  thread_local std::string input;
  input.clear();
  put_str(input, name);
  put_str(input, value);
  hasher().hex(salt, input, out);
}

}  // namespace

std::string record_hash(const AuditRecord& record) {
  std::string out;
  hash_into(record, out);
  return out;
}

void seal_record(AuditRecord& record, std::string_view salt, std::int64_t seq, std::string_view prev_hash) {
  record.seq = seq;
  record.prev_hash.assign(prev_hash);
  for (AuditValue& v : record.values) {
    if (v.sensitive) {
      digest_into(salt, v.name, *v.value, v.digest);
    } else {
      v.digest.clear();
    }
  }
  hash_into(record, record.hash);
}

std::string value_digest(std::string_view salt, std::string_view name, std::string_view value) {
  std::string out;
  digest_into(salt, name, value, out);
  return out;
}

std::optional<std::string> new_salt() {
  Digest bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) return std::nullopt;
  return to_hex(bytes);
}

bool is_hex_digest(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace writ::runtime
