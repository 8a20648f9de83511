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

AuditWriter::AuditWriter(AuditStore& store, std::string policy_hash, AuditWriterOptions options)
    : store_(store), policy_hash_(std::move(policy_hash)), options_(std::move(options)) {}

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
  AuditRecord r = audit_record(d, policy_hash_);
  if (AuditStatus s = store_.append(r); !s.ok()) error_ = s.error();
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
