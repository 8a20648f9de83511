#pragma once
// `writ audit export`: a verified copy of a trail in a new file, optionally redacted.
#include <cstdint>
#include <string>

#include "runtime/audit_error.hpp"

namespace writ::runtime {

struct AuditExportOptions {
  // Drop the values of sensitive fields and the trail's salt; keep their digests, which
  // the hashes cover, so the export still verifies.
  bool redact = false;
  std::string vfs;  // for the new file, as in AuditOpenOptions
};

struct AuditExportReport {
  std::int64_t records = 0;
  std::int64_t values_dropped = 0;
};

// Verifies `from`, then copies every record with its seq and hashes to a new trail at
// `to`. The copy has no checkpoint: an export is for reading, not for resuming (the
// engine's state may hold sensitive values). A trail that fails verification is not
// exported (a Damaged error naming the first bad record); on any failure no file is left
// at `to`.
AuditResult<AuditExportReport> export_trail(const std::string& from, const std::string& to,
                                            const AuditExportOptions& options);

}  // namespace writ::runtime
