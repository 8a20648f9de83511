#include "runtime/audit_resume.hpp"

#include <fmt/format.h>

#include <utility>

#include "runtime/audit_writer.hpp"
#include "runtime/hash_chain.hpp"

namespace writ::runtime {

ChainRebuild::ChainRebuild(std::string salt, std::string policy_hash)
    : salt_(std::move(salt)), policy_hash_(std::move(policy_hash)) {}

void ChainRebuild::add(const Decision& d) {
  AuditRecord r = audit_record(d, policy_hash_);
  seal_record(r, salt_, head_.seq + 1, head_.hash);
  head_ = AuditHead{r.seq, std::move(r.hash)};
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
