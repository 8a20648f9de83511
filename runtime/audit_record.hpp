#pragma once
// One entry of the audit trail: a decision, an action, or an input event (accepted or
// rejected). The engine fills the content; the store assigns seq, digests and hashes.
// docs/audit.md defines how each field enters the record's hash.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace writ::runtime {

// A field value the decision read (or an input event carried).
struct AuditValue {
  std::string name;
  // The value as JSON text. Absent only for a sensitive value in a redacted export.
  std::optional<std::string> value;
  // Marked `@sensitive` in the policy: the hash covers the digest, not the value, so an
  // export can drop the value and still verify.
  bool sensitive = false;
  // Lower-case hex SHA-256 of the trail's salt, the name and the value; set by the store
  // for sensitive values, empty for the others.
  std::string digest;
};

struct AuditRecord {
  std::int64_t seq = 0;    // assigned by the store: 1, 2, 3, ... without gaps
  std::int64_t at_ms = 0;  // engine time, ms since the Unix epoch
  std::string incident;    // empty for global events and decisions
  std::string kind;        // "event", "rejected", "denied", "rule", "notify", "breach", ...
  std::string construct;   // the policy construct: "rule", "sla", "permit", ...
  std::string name;        // the construct's name
  std::string span;        // "file:line:col" of the construct
  std::string outcome;
  std::string target;
  std::string reason;
  std::vector<AuditValue> values;
  std::string policy_hash;  // the policy that made the record
  std::string prev_hash;    // assigned by the store: the previous record's hash (64 zeros first)
  std::string hash;         // assigned by the store: lower-case hex SHA-256
};

// What a walk over stored records reads of each: by default all of it. A reader of the
// content alone (writ report) may leave out the hashes, and the values of the kinds it does
// not look at; the parts left out are empty.
struct RecordParts {
  bool hashes = true;
  std::function<bool(std::string_view kind)> values_of;  // none: every record's values
};

}  // namespace writ::runtime
