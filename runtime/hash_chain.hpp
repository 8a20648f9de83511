#pragma once
// The hash chain of the audit trail: the canonical encoding of a record, its hash over the
// previous record's hash, and the salted digests of sensitive values. docs/audit.md states
// the same definitions for auditors who re-implement verification.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "compiler/sha256.hpp"
#include "runtime/audit_record.hpp"

namespace writ::runtime {

// The prev_hash of the first record.
inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// Names the encoding; changes whenever the encoding does.
inline constexpr std::string_view kRecordEncodingTag = "writ-audit-record-1";

// Every field except prev_hash and hash, length-prefixed, in a fixed order. A sensitive
// value enters as its digest, never as its value.
std::string encode_record(const AuditRecord& record);
// The same appended to `out`, whose capacity a caller keeps from one record to the next.
void append_encoding(std::string& out, const AuditRecord& record);

// SHA-256(prev_hash || encoding): a record's hash from its encoding, as 32 bytes.
compiler::Digest encoding_digest(std::string_view prev_hash, std::string_view encoding);

// Lower-case hex SHA-256(record.prev_hash || encode_record(record)).
std::string record_hash(const AuditRecord& record);

// Chains `record` after the record `seq - 1` whose hash is `prev_hash`: sets seq, prev_hash,
// the digests of its sensitive values under `salt`, and its hash. Every value must be present.
// Returns the hash's 32 bytes, the form the store writes, so that it need not read the hex.
compiler::Digest seal_record(AuditRecord& record, std::string_view salt, std::int64_t seq, std::string_view prev_hash);

// Lower-case hex SHA-256(salt || str(name) || str(value)), salt as its hex text.
std::string value_digest(std::string_view salt, std::string_view name, std::string_view value);

// 32 random bytes from OpenSSL as lower-case hex; nullopt when the generator fails.
std::optional<std::string> new_salt();

// 64 lower-case hex digits: the form of every hash, digest and salt the store writes.
bool is_hex_digest(std::string_view text);

}  // namespace writ::runtime
