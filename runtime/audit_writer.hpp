#pragma once
// Writes a run's decisions to an audit trail: each Decision becomes a record, written once
// as its image (record_images.hpp) on the engine's thread, and appended in batches that
// commit with the checkpoint of the input line they end on, so that a resumed run
// (docs/audit.md, "Resume") continues exactly after the last commit. The records are hashed
// and stored on a thread of their own (AuditPipeline), in order.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runtime/audit_checkpoint.hpp"
#include "runtime/audit_error.hpp"
#include "runtime/audit_pipeline.hpp"
#include "runtime/audit_record.hpp"
#include "runtime/audit_store.hpp"
#include "runtime/decision.hpp"
#include "runtime/decision_image.hpp"
#include "runtime/engine_state.hpp"
#include "runtime/record_values.hpp"

namespace writ::runtime {

// The record of a decision: its fields as they are and `where` as the span; then the values
// for_each_record_value (record_values.hpp) lists, with their sensitive marks; a target or a
// reason computed from a `@sensitive` field leaves the record's own field empty. seq and
// hashes are the store's to assign.
AuditRecord audit_record(const Decision& d, const std::string& policy_hash);
// The same into `r`, reusing the strings it holds: a writer fills one record per decision.
void fill_audit_record(const Decision& d, const std::string& policy_hash, AuditRecord& r);
// The same, and values `r` has beyond what the decision needs go to `spare_values`, and a
// value it lacks comes from there: records of different sizes trade values with their
// buffers instead of freeing and allocating them.
void fill_audit_record(const Decision& d, const std::string& policy_hash, AuditRecord& r,
                       std::vector<AuditValue>& spare_values);

// `writ replay`'s input lines per commit unless --batch-lines says otherwise. A commit
// writes the state of every incident the batch changed: at 10,000 open incidents, 10,000
// lines change most of them, 100,000 lines change each once for ten lines of its own, and a
// replay with the trail took a third less time (docs/audit.md, "Resume"; bench/RESULTS.md).
inline constexpr std::int64_t kReplayBatchLines = 100'000;

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
  // it; a failure to read it is error(). The records continue the store's chain: their seqs
  // and digests come from its head and salt as the writer is built. No other thread may
  // use the store while the writer lives.
  AuditWriter(AuditStore& store, std::string policy_hash, AuditWriterOptions options);
  // Stores what was recorded; records after the last commit stay uncommitted (rolled back).
  ~AuditWriter() = default;

  // The engine's sink: queues the decision's record for the open batch.
  void record(const Decision& d);
  // Called after each input line with the count of lines consumed so far and the engine
  // clock; once a batch's worth of lines has been consumed, queues the batch's commit with
  // the engine's state as it is now, and goes on without waiting for it (true then).
  bool line_consumed(std::int64_t lines, std::int64_t clock);
  // Commits the open batch (or an empty one) with the checkpoint after `lines`, and waits
  // until it and everything before it is stored.
  void commit(std::int64_t lines, std::int64_t clock);
  // Commits only if something was recorded since the last commit (live mode: decisions of
  // timers between lines).
  void commit_open(std::int64_t lines, std::int64_t clock);
  // Waits until everything queued so far is stored (commits queued by line_consumed
  // included), so that the store may be read.
  void flush();

  // A failure of the writing thread, seen by the last line_consumed() or commit: the batch
  // it was in is rolled back and nothing after it is stored; the caller stops.
  const std::optional<AuditError>& error() const { return error_; }
  // Commits stored so far.
  std::int64_t commits() const { return pipeline_->commits(); }

 private:
  void queue_commit(std::int64_t lines, std::int64_t clock);
  void hand_over();
  void check_pipeline();

  std::string policy_hash_;
  AuditWriterOptions options_;
  std::int64_t committed_lines_ = 0;
  DecisionImageWriter images_;
  // The seq of the next record: after a failure nothing more is stored, so the records
  // handed over so far are all the chain will have before it.
  std::int64_t next_seq_;
  AuditWork pending_;
  bool open_ = false;  // records queued since the last commit
  std::optional<AuditError> error_;
  std::unique_ptr<AuditPipeline> pipeline_;
};

}  // namespace writ::runtime
