#pragma once
// Resuming a run on its audit trail (docs/audit.md, "Resume"), for `writ replay`, `writ run`
// and the embedding API alike. A checkpoint normally carries the engine's state
// (Engine::snapshot), which is restored once the trail's chain is checked. One without it
// (a trail of an earlier writ) can only be resumed by re-executing the committed prefix of
// the input (the engine is deterministic), whose decisions are chained here, without
// writing, so that the rebuilt state is checked against the trail before the run continues.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "runtime/audit_checkpoint.hpp"
#include "runtime/audit_meta.hpp"
#include "runtime/audit_record.hpp"
#include "runtime/decision.hpp"

namespace writ::runtime {

class AuditStore;
class Engine;

// Why a run cannot continue a trail. `refused`: the trail is sound but not this run's (its
// policy or its input differ), a mistake of the caller's; otherwise the trail could not be
// read or is damaged.
struct ResumeFailure {
  bool refused = false;
  std::string message;
};

// The checkpoint a run under `policy_hash` reading `input_source` continues from: the
// trail's last, or the start (offset 0, no state) of a trail that never committed.
std::variant<AuditCheckpoint, ResumeFailure> resume_point(const AuditStore& store, const std::string& policy_hash,
                                                          const std::string& input_source);

// Puts the checkpoint's state into `engine`, which has applied nothing yet, once the whole
// trail verifies and ends at the record the checkpoint was taken at. The start of a trail
// needs no state. The reason it cannot (a damaged chain or snapshot; a checkpoint without
// state after records, which only re-executing the input could rebuild), or nullopt.
std::optional<std::string> restore_engine(Engine& engine, const AuditStore& store, const AuditCheckpoint& checkpoint);

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
  // One record filled and sealed per decision, reusing its buffers.
  AuditRecord record_;
  std::vector<AuditValue> spare_values_;
};

// Why a run under `policy_hash` reading `input_source` cannot resume from `checkpoint`;
// nullopt when it may.
std::optional<std::string> resume_refusal(const AuditCheckpoint& checkpoint, const std::string& policy_hash,
                                          const std::string& input_source);

// Why the re-executed prefix does not reproduce the trail's head; nullopt when it does.
std::optional<std::string> rebuild_mismatch(const AuditHead& committed, const AuditHead& rebuilt);

}  // namespace writ::runtime
