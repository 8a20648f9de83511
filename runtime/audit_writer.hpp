#pragma once
// Writes a run's decisions to an audit trail: each Decision becomes an AuditRecord, appended
// in batches that commit with the checkpoint of the input line they end on, so that a
// resumed run (docs/audit.md, "Resume") continues exactly after the last commit.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "runtime/audit_checkpoint.hpp"
#include "runtime/audit_error.hpp"
#include "runtime/audit_record.hpp"
#include "runtime/audit_store.hpp"
#include "runtime/decision.hpp"
#include "runtime/engine_state.hpp"

namespace writ::runtime {

// The name of a value a decision read begins with this: `read:event.severity`.
inline constexpr const char* kReadPrefix = "read:";

// The record of a decision: its fields as they are and `where` as the span; then as values,
// in this order, the fields its construct's conditions read (named with kReadPrefix), the
// values it produced, the message when there is one (`message`), and a target or a reason
// computed from a `@sensitive` field (`target`, `reason`: the record's own field is then
// empty, since only values can be redacted). Values keep their sensitive marks. seq and
// hashes are the store's to assign.
AuditRecord audit_record(const Decision& d, const std::string& policy_hash);
// The same into `r`, reusing the strings it holds: a writer fills one record per decision.
void fill_audit_record(const Decision& d, const std::string& policy_hash, AuditRecord& r);

struct AuditWriterOptions {
  // The input the checkpoints' offsets count lines of.
  std::string input_source;
  // Input lines per batch: a batch commits once this many lines were consumed since the last.
  std::int64_t batch_lines = 1000;
  // The engine's state for each checkpoint (Engine::state_changes), taken when the batch
  // commits; none: the checkpoint's state stays empty.
  std::function<EngineState()> state;
};

class AuditWriter {
 public:
  // `store` must be writable and outlive the writer. The lines of a batch count from the
  // trail's last checkpoint (0 for a new trail), so a resumed run commits batch_lines after
  // it; a failure to read it is error().
  AuditWriter(AuditStore& store, std::string policy_hash, AuditWriterOptions options);

  // The engine's sink: appends the decision's record to the open batch, opening one. After
  // a failure, does nothing: error() has it and the caller stops.
  void record(const Decision& d);
  // Called after each input line with the count of lines consumed so far and the engine
  // clock; commits once a batch's worth of lines has been consumed.
  void line_consumed(std::int64_t lines, std::int64_t clock);
  // Commits the open batch (or an empty one) with the checkpoint after `lines`.
  void commit(std::int64_t lines, std::int64_t clock);
  // Commits only if a batch is open (live mode: decisions of timers between lines).
  void commit_open(std::int64_t lines, std::int64_t clock);

  const std::optional<AuditError>& error() const { return error_; }
  std::int64_t commits() const { return commits_; }

 private:
  bool ensure_batch();

  AuditStore& store_;
  std::string policy_hash_;
  AuditWriterOptions options_;
  std::int64_t committed_lines_ = 0;
  std::int64_t commits_ = 0;
  std::optional<AuditError> error_;
  AuditRecord record_;  // the record of the last decision, its buffers reused by the next
};

}  // namespace writ::runtime
