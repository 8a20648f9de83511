#include "runtime/audit_writer.hpp"

#include <utility>

#include "lang/json_writer.hpp"

namespace writ::runtime {

namespace {

// The next value of `r`, reusing the buffers a previous record left in that place.
AuditValue& next_value(AuditRecord& r, std::size_t& count) {
  if (count == r.values.size()) r.values.emplace_back();
  return r.values[count++];
}

void set_value(AuditValue& v, std::string_view prefix, std::string_view name, std::string_view json, bool sensitive) {
  v.name.assign(prefix).append(name);
  if (!v.value) v.value.emplace();
  v.value->assign(json);
  v.sensitive = sensitive;
  v.digest.clear();
}

}  // namespace

void fill_audit_record(const Decision& d, const std::string& policy_hash, AuditRecord& r) {
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
  for (const DecisionValue& v : d.reads) set_value(next_value(r, count), kReadPrefix, v.name, v.json, v.sensitive);
  for (const DecisionValue& v : d.values) set_value(next_value(r, count), {}, v.name, v.json, v.sensitive);
  if (!d.message.empty()) {
    set_value(next_value(r, count), {}, "message", lang::json_quote(d.message), d.sensitive_message);
  }
  if (d.sensitive_target) set_value(next_value(r, count), {}, "target", lang::json_quote(d.target), true);
  if (d.sensitive_reason) set_value(next_value(r, count), {}, "reason", lang::json_quote(d.reason), true);
  r.values.resize(count);
  r.policy_hash.assign(policy_hash);
}

AuditRecord audit_record(const Decision& d, const std::string& policy_hash) {
  AuditRecord r;
  fill_audit_record(d, policy_hash, r);
  return r;
}

AuditWriter::AuditWriter(AuditStore& store, std::string policy_hash, AuditWriterOptions options)
    : store_(store), policy_hash_(std::move(policy_hash)), options_(std::move(options)) {
  // A resumed run's lines count on from the trail's checkpoint: its first batch ends
  // batch_lines after it, not at its first line.
  auto checkpoint = store_.last_checkpoint();
  if (!checkpoint.ok()) {
    error_ = checkpoint.error();
  } else if (checkpoint.value()) {
    committed_lines_ = checkpoint.value()->input_offset;
  }
}

bool AuditWriter::ensure_batch() {
  if (error_) return false;
  if (store_.in_batch()) return true;
  if (AuditStatus s = store_.begin_batch(); !s.ok()) {
    error_ = s.error();
    return false;
  }
  return true;
}

void AuditWriter::record(const Decision& d) {
  if (!ensure_batch()) return;
  fill_audit_record(d, policy_hash_, record_);
  if (AuditStatus s = store_.append(record_); !s.ok()) error_ = s.error();
}

void AuditWriter::line_consumed(std::int64_t lines, std::int64_t clock) {
  if (lines - committed_lines_ >= options_.batch_lines) commit(lines, clock);
}

void AuditWriter::commit(std::int64_t lines, std::int64_t clock) {
  if (!ensure_batch()) return;
  AuditCheckpoint checkpoint;
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
  if (AuditStatus s = store_.commit_batch(checkpoint); !s.ok()) {
    error_ = s.error();
    return;
  }
  committed_lines_ = lines;
  ++commits_;
}

void AuditWriter::commit_open(std::int64_t lines, std::int64_t clock) {
  if (store_.in_batch()) commit(lines, clock);
}

}  // namespace writ::runtime
