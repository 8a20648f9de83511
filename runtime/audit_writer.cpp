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

void set_value(AuditValue& v, std::string_view prefix, std::string_view name, std::string_view json, bool sensitive) {
  v.name.assign(prefix).append(name);
  if (!v.value) v.value.emplace();
  v.value->assign(json);
  v.sensitive = sensitive;
  v.digest.clear();
}

// A text as a JSON string value, quoted in the value's own buffer.
void set_quoted(AuditValue& v, std::string_view name, std::string_view text, bool sensitive) {
  v.name.assign(name);
  if (!v.value) v.value.emplace();
  v.value->clear();
  lang::append_json_quoted(*v.value, text);
  v.sensitive = sensitive;
  v.digest.clear();
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
  if (d.sensitive_target) {
    r.target.clear();
  } else {
    r.target.assign(d.target);
  }
  if (d.sensitive_reason) {
    r.reason.clear();
  } else {
    r.reason.assign(d.reason);
  }
  std::size_t count = 0;
  auto next = [&]() -> AuditValue& { return next_value(r, count, spare_values); };
  for (const DecisionValue& v : d.reads) set_value(next(), kReadPrefix, v.name, v.json, v.sensitive);
  for (const DecisionValue& v : d.values) set_value(next(), {}, v.name, v.json, v.sensitive);
  if (!d.message.empty()) set_quoted(next(), "message", d.message, d.sensitive_message);
  if (d.sensitive_target) set_quoted(next(), "target", d.target, true);
  if (d.sensitive_reason) set_quoted(next(), "reason", d.reason, true);
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
    : policy_hash_(std::move(policy_hash)), options_(std::move(options)) {
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
  pending_.records.reserve(kRecordsPerWork);
}

void AuditWriter::record(const Decision& d) {
  if (error_ || pipeline_->failed()) return;
  if (filled_ == pending_.records.size()) pending_.records.emplace_back();
  fill_audit_record(d, policy_hash_, pending_.records[filled_++], spare_values_);
  open_ = true;
  if (filled_ == kRecordsPerWork) hand_over();
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
  if (filled_ > 0) hand_over();
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

void AuditWriter::hand_over() {
  pending_.records.resize(filled_);
  filled_ = 0;
  pipeline_->push(std::exchange(pending_, AuditWork{}));
  pending_.records = pipeline_->take_spare();
  pending_.records.reserve(kRecordsPerWork);
}

void AuditWriter::check_pipeline() {
  if (!error_ && pipeline_->failed()) error_ = pipeline_->error();
}

}  // namespace writ::runtime
