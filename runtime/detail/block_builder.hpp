#pragma once
// One row of the trail's `blocks` table being filled (docs/audit.md, "The file"): up to
// kRecordsPerBlock records as a JSON array, one element per record,
// `[seq, at_ms, incident, site, reason, policy, values]` (ids into `incidents`, `sites`
// and `policies`; `values` the values column of values_column.hpp), their 32-byte hashes
// side by side, and the hash before the first. A block never spans a commit, so a stored
// block is never rewritten.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/audit_record.hpp"
#include "runtime/detail/byte_buffer.hpp"
#include "runtime/detail/image_reader.hpp"

namespace writ::runtime::detail {

// 64 rather than 32 or 128: bench/RESULTS.md, "Trail format 4".
inline constexpr std::size_t kRecordsPerBlock = 64;
// The most characters of an int64 in decimal, its sign included.
inline constexpr std::size_t kNumberBound = 20;
// A SHA-256 in the block's `hashes`, which holds one per record.
inline constexpr std::size_t kHashBytes = 32;

// A record's ids in the trail's tables.
struct RecordIds {
  std::int64_t incident = 0;
  std::int64_t site = 0;
  std::int64_t policy = 0;
};

class BlockBuilder {
 public:
  bool empty() const { return count_ == 0; }
  bool full() const { return count_ == kRecordsPerBlock; }
  // Adds `record`, sealed with `hash_bytes`; the first record of a block also gives the
  // block its prev_hash.
  void add(const AuditRecord& record, const RecordIds& ids, std::string_view prev_bytes,
           std::string_view hash_bytes);
  // The same for a record read from `image`: the element's bytes are the same.
  void add(std::string_view image, const ImageFields& record, const RecordIds& ids, std::string_view prev_bytes,
           std::string_view hash_bytes);
  // The body as stored: the array closed. The builder is empty again after clear().
  std::string_view finish_body();
  std::int64_t first_seq() const { return first_seq_; }
  const std::string& prev_hash() const { return prev_hash_; }
  const std::string& hashes() const { return hashes_; }
  void clear();

 private:
  // Starts the element of record `seq`, whose values take at most `values_bound` bytes,
  // with everything before its values; returns where they go.
  char* open_element(std::size_t values_bound, std::int64_t seq, std::int64_t at_ms, const RecordIds& ids,
                     std::string_view reason, std::string_view prev_bytes, std::string_view hash_bytes);

  std::size_t count_ = 0;
  std::int64_t first_seq_ = 0;
  std::string prev_hash_;
  std::string hashes_;
  ByteBuffer body_;
};

}  // namespace writ::runtime::detail
