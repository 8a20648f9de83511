#include "runtime/audit_resume.hpp"

#include <fmt/format.h>

#include <utility>

#include "runtime/audit_store.hpp"
#include "runtime/audit_verify.hpp"
#include "runtime/audit_writer.hpp"
#include "runtime/engine.hpp"
#include "runtime/hash_chain.hpp"

namespace writ::runtime {

namespace {

// The state continues the chain only if the chain is whole and ends where it was taken.
std::optional<std::string> chain_broken(const AuditStore& store, const AuditCheckpoint& checkpoint) {
  auto report = verify_trail(store);
  if (!report.ok()) return report.error().message;
  if (!report.value().ok) {
    return fmt::format("the trail fails verification at record {}: {}", report.value().bad_seq, report.value().reason);
  }
  if (AuditHead{checkpoint.seq, checkpoint.hash} != report.value().head) {
    return fmt::format("the checkpoint was taken at record {}, but the trail ends at record {}", checkpoint.seq,
                       report.value().head.seq);
  }
  return std::nullopt;
}

}  // namespace

std::variant<AuditCheckpoint, ResumeFailure> resume_point(const AuditStore& store, const std::string& policy_hash,
                                                          const std::string& input_source) {
  auto checkpoint = store.last_checkpoint();
  if (!checkpoint.ok()) return ResumeFailure{false, checkpoint.error().message};
  if (!checkpoint.value()) {
    if (store.meta().head.seq == 0) {
      AuditCheckpoint start;
      start.input_source = input_source;
      start.policy_hash = policy_hash;
      start.hash = kGenesisHash;
      return start;
    }
    return ResumeFailure{false, "the trail has records but no checkpoint"};
  }
  if (auto refusal = resume_refusal(*checkpoint.value(), policy_hash, input_source)) {
    return ResumeFailure{true, *refusal};
  }
  return *checkpoint.value();
}

std::optional<std::string> restore_engine(Engine& engine, const AuditStore& store, const AuditCheckpoint& checkpoint) {
  if (checkpoint.state.empty() && (checkpoint.seq > 0 || checkpoint.input_offset > 0)) {
    return fmt::format("the checkpoint holds no engine state (a trail of an earlier writ); only re-executing the {} "
                       "committed input position(s) could rebuild it, and this input cannot be read again",
                       checkpoint.input_offset);
  }
  if (!checkpoint.state.empty()) {
    auto rows = store.state_rows();
    if (!rows.ok()) return rows.error().message;
    if (auto damaged = engine.restore(checkpoint.state, rows.value())) return damaged;
  }
  return chain_broken(store, checkpoint);
}

ChainRebuild::ChainRebuild(std::string salt, std::string policy_hash)
    : salt_(std::move(salt)), policy_hash_(std::move(policy_hash)) {}

void ChainRebuild::add(const Decision& d) {
  fill_audit_record(d, policy_hash_, record_, spare_values_);
  seal_record(record_, salt_, head_.seq + 1, head_.hash);
  head_.seq = record_.seq;
  head_.hash.assign(record_.hash);
}

std::optional<std::string> resume_refusal(const AuditCheckpoint& checkpoint, const std::string& policy_hash,
                                          const std::string& input_source) {
  if (checkpoint.policy_hash != policy_hash) {
    return fmt::format("the trail was written under policy {}, not this policy ({}); a run resumes only under "
                       "the policy that made its state",
                       checkpoint.policy_hash, policy_hash);
  }
  if (checkpoint.input_source != input_source) {
    return fmt::format("the trail's checkpoint continues input `{}`, not `{}`", checkpoint.input_source,
                       input_source);
  }
  return std::nullopt;
}

std::optional<std::string> rebuild_mismatch(const AuditHead& committed, const AuditHead& rebuilt) {
  if (committed == rebuilt) return std::nullopt;
  if (committed.seq != rebuilt.seq) {
    return fmt::format("re-executing the committed input made {} record(s), but the trail holds {}; the input "
                       "or the policy's behaviour has changed since the trail was written",
                       rebuilt.seq, committed.seq);
  }
  return fmt::format("re-executing the committed input ends the chain at hash {}, but the trail's head is {}; "
                     "the input or the policy's behaviour has changed since the trail was written",
                     rebuilt.hash, committed.hash);
}

}  // namespace writ::runtime
