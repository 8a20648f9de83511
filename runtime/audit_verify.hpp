#pragma once
// `writ audit verify`: re-walks a trail's hash chain and names the first bad record.
// docs/audit.md lists what is checked and what a chain cannot show.
#include <cstdint>
#include <string>

#include "runtime/audit_error.hpp"
#include "runtime/audit_meta.hpp"
#include "runtime/audit_store.hpp"

namespace writ::runtime {

struct AuditVerifyReport {
  bool ok = true;
  std::int64_t records = 0;  // records whose chain link checked out
  AuditHead head;            // the last good record
  // When not ok: the first bad record (a missing one names the seq it should have had)
  // and why it is bad.
  std::int64_t bad_seq = 0;
  std::string reason;
};

// Checks every record, its values, the head and the checkpoint, from one snapshot. An
// error means the trail could not be read to the end (a damaged file, an I/O failure).
AuditResult<AuditVerifyReport> verify_trail(const AuditStore& store);
// Opens `path` read-only and verifies it.
AuditResult<AuditVerifyReport> verify_trail(const std::string& path);

}  // namespace writ::runtime
