#include "runtime/hash_chain.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <new>
#include <utility>

#include "compiler/sha256.hpp"

namespace writ::runtime {

using compiler::bytes_of;
using compiler::Digest;
using compiler::hex_into;
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

  Digest digest(std::string_view first, std::string_view second) {
    Digest digest{};
    unsigned int len = 0;
    if (EVP_DigestInit_ex(ctx_, md_, nullptr) != 1 || EVP_DigestUpdate(ctx_, first.data(), first.size()) != 1 ||
        EVP_DigestUpdate(ctx_, second.data(), second.size()) != 1 ||
        EVP_DigestFinal_ex(ctx_, digest.data(), &len) != 1) {
      throw std::bad_alloc();
    }
    return digest;
  }

 private:
  EVP_MD* md_;
  EVP_MD_CTX* ctx_;
};

Hasher& hasher() {
  thread_local Hasher h;
  return h;
}

// Writes an encoding into a buffer sized for it beforehand: one resize per record instead
// of a capacity check and a length update per piece.
class EncodingWriter {
 public:
  explicit EncodingWriter(char* at) : at_(at) {}

  // int(x): 8 bytes, big-endian two's complement.
  void put_int(std::int64_t x) {
    auto u = static_cast<std::uint64_t>(x);
    for (int i = 0; i < 8; ++i) at_[i] = static_cast<char>((u >> (56 - 8 * i)) & 0xff);
    at_ += 8;
  }

  // str(s): the byte length as int, then the bytes.
  void put_str(std::string_view s) {
    put_int(static_cast<std::int64_t>(s.size()));
    if (s.empty()) return;  // a view of nothing may have no data to copy from
    std::memcpy(at_, s.data(), s.size());
    at_ += s.size();
  }

  void put_byte(char c) { *at_++ = c; }

  // The bytes of int(x) and of str(s).
  static constexpr std::size_t kIntSize = 8;
  static std::size_t str_size(std::string_view s) { return kIntSize + s.size(); }

 private:
  char* at_;
};

// What a value contributes: its digest in place of a sensitive value.
std::string_view encoded_value(const AuditValue& v) {
  if (v.sensitive) return v.digest;
  return v.value ? std::string_view(*v.value) : std::string_view();
}

constexpr std::size_t kTextFields = 9;

std::array<const std::string*, kTextFields> text_fields(const AuditRecord& r) {
  return {&r.incident, &r.kind, &r.construct, &r.name, &r.span, &r.outcome, &r.target, &r.reason, &r.policy_hash};
}

std::size_t encoded_size(const AuditRecord& r) {
  std::size_t size = EncodingWriter::str_size(kRecordEncodingTag) + 3 * EncodingWriter::kIntSize;
  for (const std::string* field : text_fields(r)) size += EncodingWriter::str_size(*field);
  for (const AuditValue& v : r.values) size += EncodingWriter::str_size(v.name) + 1 + EncodingWriter::str_size(encoded_value(v));
  return size;
}

// The encoding into `out`, whose capacity is kept from one record to the next.
void encode_into(std::string& out, const AuditRecord& r) {
  out.resize(encoded_size(r));
  EncodingWriter w(out.data());
  w.put_str(kRecordEncodingTag);
  w.put_int(r.seq);
  w.put_int(r.at_ms);
  for (const std::string* field : text_fields(r)) w.put_str(*field);
  w.put_int(static_cast<std::int64_t>(r.values.size()));
  for (const AuditValue& v : r.values) {
    w.put_str(v.name);
    w.put_byte(static_cast<char>(v.sensitive ? 1 : 0));
    w.put_str(encoded_value(v));
  }
}

}  // namespace

std::string encode_record(const AuditRecord& r) {
  std::string out;
  encode_into(out, r);
  return out;
}

namespace {

// The hash, with the encoding in a buffer kept from one record to the next.
Digest record_digest(const AuditRecord& record) {
  thread_local std::string encoding;
  encode_into(encoding, record);
  return hasher().digest(record.prev_hash, encoding);
}

void digest_into(std::string_view salt, std::string_view name, std::string_view value, std::string& out) {
  thread_local std::string input;
  input.resize(EncodingWriter::str_size(name) + EncodingWriter::str_size(value));
  EncodingWriter w(input.data());
  w.put_str(name);
  w.put_str(value);
  hex_into(bytes_of(hasher().digest(salt, input)), out);
}

}  // namespace

std::string record_hash(const AuditRecord& record) {
  std::string out;
  hex_into(bytes_of(record_digest(record)), out);
  return out;
}

Digest seal_record(AuditRecord& record, std::string_view salt, std::int64_t seq, std::string_view prev_hash) {
  record.seq = seq;
  record.prev_hash.assign(prev_hash);
  for (AuditValue& v : record.values) {
    if (v.sensitive) {
      digest_into(salt, v.name, *v.value, v.digest);
    } else {
      v.digest.clear();
    }
  }
  Digest digest = record_digest(record);
  hex_into(bytes_of(digest), record.hash);
  return digest;
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
