#pragma once
// What a trail says about itself, in its meta table: the format, the salt of its digests,
// whether it is a redacted export, and the head of its chain as of the last commit.
#include <cstdint>
#include <string>

#include "runtime/hash_chain.hpp"

namespace writ::runtime {

// The format version this build writes and reads: 4 stores records in blocks of up to 64,
// their fixed texts once in `sites`, and shows them as format 3's `records` through a view
// (version 3 had a row per record with an index by incident; version 2 a row per value in
// `record_values`; version 1 also stored the engine's state as one blob rather than rows
// updated per checkpoint).
inline constexpr int kAuditFormat = 4;

// The end of the chain: the last record's seq and hash (0 and 64 zeros when empty).
struct AuditHead {
  std::int64_t seq = 0;
  std::string hash{kGenesisHash};
  bool operator==(const AuditHead&) const = default;
};

struct AuditMeta {
  int format = kAuditFormat;
  std::string salt;  // lower-case hex, 32 bytes; empty in a redacted export
  bool redacted = false;
  // Rewritten by every commit in the same transaction as the records, so a deleted tail,
  // which leaves a valid chain behind, still disagrees with it.
  AuditHead head;
};

}  // namespace writ::runtime
