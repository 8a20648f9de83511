#include "runtime/audit_writer.hpp"

#include <utility>

#include "lang/json_writer.hpp"

namespace writ::runtime {

AuditRecord audit_record(const Decision& d, const std::string& policy_hash) {
  AuditRecord r;
  r.at_ms = d.at;
  r.incident = d.incident;
  r.kind = d.kind;
  r.construct = d.construct;
  r.name = d.name;
  r.span = d.where;
  r.outcome = d.outcome;
  r.target = d.sensitive_target ? std::string() : d.target;
  r.reason = d.sensitive_reason ? std::string() : d.reason;
  r.values.reserve(d.reads.size() + d.values.size() + 3);
  for (const DecisionValue& v : d.reads) r.values.push_back(AuditValue{kReadPrefix + v.name, v.json, v.sensitive, {}});
  for (const DecisionValue& v : d.values) r.values.push_back(AuditValue{v.name, v.json, v.sensitive, {}});
  if (!d.message.empty()) r.values.push_back(AuditValue{"message", lang::json_quote(d.message), d.sensitive_message, {}});
  if (d.sensitive_target) r.values.push_back(AuditValue{"target", lang::json_quote(d.target), true, {}});
  if (d.sensitive_reason) r.values.push_back(AuditValue{"reason", lang::json_quote(d.reason), true, {}});
  r.policy_hash = policy_hash;
  return r;
}

namespace {

// Records per piece of work handed to the writing thread: enough to make its locking rare.
constexpr std::size_t kRecordsPerWork = 256;

}  // namespace

AuditWriter::AuditWriter(AuditStore& store, std::string policy_hash, AuditWriterOptions options)
    : policy_hash_(std::move(policy_hash)),
      options_(std::move(options)),
      pipeline_(std::make_unique<AuditPipeline>(store)) {}

void AuditWriter::record(const Decision& d) {
  if (pipeline_->failed()) return;
  pending_.records.push_back(audit_record(d, policy_hash_));
  open_ = true;
  if (pending_.records.size() >= kRecordsPerWork) pipeline_->push(std::exchange(pending_, AuditWork{}));
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
  if (!pending_.records.empty()) pipeline_->push(std::exchange(pending_, AuditWork{}));
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
  pipeline_->push(std::exchange(pending_, AuditWork{}));
  committed_lines_ = lines;
  open_ = false;
}

void AuditWriter::check_pipeline() {
  if (!error_ && pipeline_->failed()) error_ = pipeline_->error();
}

}  // namespace writ::runtime
