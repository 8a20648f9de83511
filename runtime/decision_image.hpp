#pragma once
// A decision's audit record written straight into its image (record_images.hpp), on the
// engine's thread: the same record fill_audit_record makes (audit_writer.hpp), encoded as
// hash_chain's encode_record encodes it once the store has sealed it, without the
// AuditRecord in between.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/decision.hpp"
#include "runtime/record_images.hpp"

namespace writ::runtime {

class DecisionImageWriter {
 public:
  // `salt`: the trail's, for the digests of sensitive values.
  DecisionImageWriter(std::string policy_hash, std::string salt)
      : policy_hash_(std::move(policy_hash)), salt_(std::move(salt)) {}

  // Adds the image of `d`'s record as record `seq` of the trail.
  void add(RecordImages& out, const Decision& d, std::int64_t seq);

 private:
  std::size_t encoded_size(const Decision& d);

  std::string policy_hash_;
  std::string salt_;
  // The message, target and reason as JSON strings, when the record holds them as values.
  std::array<std::string, 3> quoted_;
  std::string name_;  // a sensitive value's whole name, for its digest
};

}  // namespace writ::runtime
