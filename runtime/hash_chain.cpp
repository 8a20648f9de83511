#include "runtime/hash_chain.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <new>
#include <utility>

#include "compiler/sha256.hpp"
#include "runtime/detail/encoding_writer.hpp"

namespace writ::runtime {

using compiler::bytes_of;
using compiler::Digest;
using compiler::hex_into;
using compiler::to_hex;
using detail::EncodingWriter;

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

}  // namespace

void append_encoding(std::string& out, const AuditRecord& r) {
  std::size_t start = out.size();
  out.resize(start + encoded_size(r));
  EncodingWriter w(out.data() + start);
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

std::string encode_record(const AuditRecord& r) {
  std::string out;
  append_encoding(out, r);
  return out;
}

compiler::Digest encoding_digest(std::string_view prev_hash, std::string_view encoding) {
  return hasher().digest(prev_hash, encoding);
}

namespace {

// The hash, with the encoding in a buffer kept from one record to the next.
Digest record_digest(const AuditRecord& record) {
  thread_local std::string encoding;
  encoding.clear();
  append_encoding(encoding, record);
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
