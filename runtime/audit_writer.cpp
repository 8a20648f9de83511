#include "runtime/audit_writer.hpp"

#include <utility>

#include "lang/json_writer.hpp"

namespace writ::runtime {

namespace {

// The next value of `r`, reusing the buffers a previous record left in that place, or
// those of a spare value.
AuditValue& next_value(AuditRecord& r, std::size_t& count, std::vector<AuditValue>& spare) {
  if (count == r.values.size()) {
    if (spare.empty()) {
      r.values.emplace_back();
    } else {
      r.values.push_back(std::move(spare.back()));
      spare.pop_back();
    }
  }
  return r.values[count++];
}

// The values after the first `count` go to `spare` with their buffers, instead of being freed.
void keep_values(AuditRecord& r, std::size_t count, std::vector<AuditValue>& spare) {
  while (r.values.size() > count) {
    spare.push_back(std::move(r.values.back()));
    r.values.pop_back();
  }
}

}  // namespace

void fill_audit_record(const Decision& d, const std::string& policy_hash, AuditRecord& r,
                       std::vector<AuditValue>& spare_values) {
  r.at_ms = d.at;
  r.incident.assign(d.incident);
  r.kind.assign(d.kind);
  r.construct.assign(d.construct);
  r.name.assign(d.name);
  r.span.assign(d.where);
  r.outcome.assign(d.outcome);
  r.target.assign(record_target(d));
  r.reason.assign(record_reason(d));
  std::size_t count = 0;
  for_each_record_value(d, [&](std::string_view prefix, std::string_view name, std::string_view text, bool quoted,
                               bool sensitive) {
    AuditValue& v = next_value(r, count, spare_values);
    v.name.assign(prefix).append(name);
    if (!v.value) v.value.emplace();
    v.value->clear();
    if (quoted) {
      lang::append_json_quoted(*v.value, text);
    } else {
      v.value->assign(text);
    }
    v.sensitive = sensitive;
    v.digest.clear();
  });
  keep_values(r, count, spare_values);
  r.policy_hash.assign(policy_hash);
}

void fill_audit_record(const Decision& d, const std::string& policy_hash, AuditRecord& r) {
  std::vector<AuditValue> spare;
  fill_audit_record(d, policy_hash, r, spare);
}

AuditRecord audit_record(const Decision& d, const std::string& policy_hash) {
  AuditRecord r;
  fill_audit_record(d, policy_hash, r);
  return r;
}

namespace {

// Records per piece of work handed to the writing thread: enough to make its locking rare.
constexpr std::size_t kRecordsPerWork = 256;

}  // namespace

AuditWriter::AuditWriter(AuditStore& store, std::string policy_hash, AuditWriterOptions options)
    : policy_hash_(std::move(policy_hash)),
      options_(std::move(options)),
      images_(policy_hash_, store.meta().salt),
      next_seq_(store.last_seq() + 1) {
  // A resumed run's lines count on from the trail's checkpoint: its first batch ends
  // batch_lines after it, not at its first line. Read before the writing thread takes the
  // store.
  auto checkpoint = store.last_checkpoint();
  if (!checkpoint.ok()) {
    error_ = checkpoint.error();
  } else if (checkpoint.value()) {
    committed_lines_ = checkpoint.value()->input_offset;
  }
  pipeline_ = std::make_unique<AuditPipeline>(store);
}

void AuditWriter::record(const Decision& d) {
  if (error_ || pipeline_->failed()) return;
  images_.add(pending_.records, d, next_seq_++);
  open_ = true;
  if (pending_.records.size() == kRecordsPerWork) hand_over();
}

bool AuditWriter::line_consumed(std::int64_t lines, std::int64_t clock) {
  bool due = lines - committed_lines_ >= options_.batch_lines;
  if (due) queue_commit(lines, clock);
  check_pipeline();
  return due;
}

void AuditWriter::commit(std::int64_t lines, std::int64_t clock) {
  queue_commit(lines, clock);
  flush();
}

void AuditWriter::flush() {
  if (!pending_.records.empty()) hand_over();
  pipeline_->drain();
  check_pipeline();
}

void AuditWriter::commit_open(std::int64_t lines, std::int64_t clock) {
  if (open_) commit(lines, clock);
}

// The state is taken now, on the engine's thread: the checkpoint must describe the engine
// right after line `lines`, whenever the writing thread gets to store it.
void AuditWriter::queue_commit(std::int64_t lines, std::int64_t clock) {
  AuditCheckpoint& checkpoint = pending_.checkpoint.emplace();
  checkpoint.input_offset = lines;
  checkpoint.input_source = options_.input_source;
  checkpoint.clock_ms = clock;
  checkpoint.policy_hash = policy_hash_;
  if (options_.state) {
    EngineState state = options_.state();
    checkpoint.state = std::move(state.engine);
    checkpoint.state_rows = std::move(state.rows);
    checkpoint.state_whole = state.whole;
  }
  hand_over();
  committed_lines_ = lines;
  open_ = false;
}

// A new buffer (no spare was free) is sized like the last one rather than grown to it by
// doubling, a copy of everything so far at each step.
void AuditWriter::hand_over() {
  std::size_t bytes = pending_.records.bytes();
  pipeline_->push(std::exchange(pending_, AuditWork{}));
  pending_.records = pipeline_->take_spare();
  pending_.records.reserve(bytes + bytes / 4, kRecordsPerWork);
}

void AuditWriter::check_pipeline() {
  if (!error_ && pipeline_->failed()) error_ = pipeline_->error();
}

}  // namespace writ::runtime
