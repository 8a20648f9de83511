#pragma once
// A record's prev_hash and hash as the trail stores them: the 32 bytes of the SHA-256, half
// the size of the 64 hex digits that the chain's definition (docs/audit.md) and the
// records in memory use; they read back as hex through compiler::hex_into.
#include <string>
#include <string_view>

namespace writ::runtime::detail {

// The bytes of a hex text into `out` (replacing what it held): 64 hex digits give 32
// bytes. The store only passes hashes it made or verified.
void hash_to_bytes(std::string_view hex, std::string& out);

}  // namespace writ::runtime::detail
