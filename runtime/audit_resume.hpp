#pragma once
// Resuming a run on its audit trail. A checkpoint normally carries the engine's state
// (Engine::snapshot); one without it (a trail of an earlier writ) is resumed by
// re-executing the committed prefix of the input (the engine is deterministic), whose
// decisions are chained here, without writing, so that the rebuilt state is checked against
// the trail before the run continues (docs/audit.md, "Resume").
#include <optional>
#include <string>

#include "runtime/audit_checkpoint.hpp"
#include "runtime/audit_meta.hpp"
#include "runtime/decision.hpp"

namespace writ::runtime {

// The chain a run's decisions make, computed as the store would (same records, digests
// and hashes) but kept in memory.
class ChainRebuild {
 public:
  ChainRebuild(std::string salt, std::string policy_hash);
  void add(const Decision& d);
  const AuditHead& head() const { return head_; }

 private:
  std::string salt_;
  std::string policy_hash_;
  AuditHead head_;
};

// Why a run under `policy_hash` reading `input_source` cannot resume from `checkpoint`;
// nullopt when it may.
std::optional<std::string> resume_refusal(const AuditCheckpoint& checkpoint, const std::string& policy_hash,
                                          const std::string& input_source);

// Why the re-executed prefix does not reproduce the trail's head; nullopt when it does.
std::optional<std::string> rebuild_mismatch(const AuditHead& committed, const AuditHead& rebuilt);

}  // namespace writ::runtime
