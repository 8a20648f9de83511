#include "runtime/audit_verify.hpp"

#include <fmt/format.h>

#include <optional>

#include "runtime/hash_chain.hpp"

namespace writ::runtime {

namespace {

struct Finding {
  std::int64_t seq;
  std::string reason;
};

// The checks of one record's values that its hash cannot make: a sensitive value enters
// the hash as its digest, so the digest must be checked against the value.
std::optional<std::string> check_values(const AuditRecord& r, const AuditMeta& meta) {
  for (const AuditValue& v : r.values) {
    if (!v.sensitive) {
      if (!v.value) return fmt::format("value `{}` is missing", v.name);
      if (!v.digest.empty()) return fmt::format("value `{}` has a digest but is not sensitive", v.name);
    } else if (!v.value) {
      if (!meta.redacted) return fmt::format("sensitive value `{}` was removed from a trail that is not redacted", v.name);
    } else if (meta.redacted) {
      return fmt::format("a redacted export holds the sensitive value `{}`", v.name);
    } else if (value_digest(meta.salt, v.name, *v.value) != v.digest) {
      return fmt::format("the value of `{}` does not match its digest (the value or the trail's salt was changed)",
                         v.name);
    }
  }
  return std::nullopt;
}

class ChainWalk {
 public:
  ChainWalk(const AuditMeta& meta, std::int64_t checkpoint_seq) : meta_(meta), checkpoint_seq_(checkpoint_seq) {}

  // false stops the walk at the first finding.
  bool visit(const AuditRecord& r) {
    finding_ = check(r);
    if (finding_) return false;
    head_ = AuditHead{r.seq, r.hash};
    ++count_;
    if (r.seq == checkpoint_seq_) checkpoint_hash_ = r.hash;
    return true;
  }

  const std::optional<Finding>& finding() const { return finding_; }
  const AuditHead& head() const { return head_; }
  std::int64_t count() const { return count_; }
  const std::string& checkpoint_hash() const { return checkpoint_hash_; }

 private:
  std::optional<Finding> check(const AuditRecord& r) const {
    std::int64_t expected = head_.seq + 1;
    if (r.seq > expected) {
      return Finding{expected, fmt::format("missing: the next record is {} (records were deleted)", r.seq)};
    }
    if (r.seq != expected) return Finding{r.seq, fmt::format("out of sequence: record {} was expected", expected)};
    if (r.prev_hash != head_.hash) {
      std::string previous = r.seq == 1 ? "the start of a chain (64 zeros)" : fmt::format("record {}'s hash", r.seq - 1);
      return Finding{r.seq, fmt::format("its prev_hash is not {} (records were deleted, inserted or moved)", previous)};
    }
    if (auto why = check_values(r, meta_)) return Finding{r.seq, *why};
    if (record_hash(r) != r.hash) return Finding{r.seq, "its content does not match its hash (it was changed)"};
    return std::nullopt;
  }

  const AuditMeta& meta_;
  std::int64_t checkpoint_seq_;
  AuditHead head_;
  std::int64_t count_ = 0;
  std::string checkpoint_hash_{kGenesisHash};
  std::optional<Finding> finding_;
};

// The head is rewritten by every commit: a chain shorter or longer than it lost records
// at its end or gained some behind the store's back.
std::optional<Finding> check_head(const AuditHead& stored, const AuditHead& walked) {
  if (stored.seq > walked.seq) {
    return Finding{walked.seq + 1, fmt::format("missing: the trail ends at record {} but its head names record {} "
                                               "(records were deleted from the end)",
                                               walked.seq, stored.seq)};
  }
  if (stored.seq < walked.seq) {
    return Finding{stored.seq + 1,
                   fmt::format("not committed by the store: the trail's head names record {}", stored.seq)};
  }
  if (stored.hash != walked.hash) return Finding{walked.seq, "its hash is not the one the trail's head names"};
  return std::nullopt;
}

std::optional<Finding> check_checkpoint(const AuditCheckpoint& cp, const ChainWalk& walk) {
  if (cp.seq > walk.head().seq) {
    return Finding{cp.seq, "missing: the checkpoint names it but the trail ends before it"};
  }
  if (cp.hash != walk.checkpoint_hash()) {
    return Finding{cp.seq, "its hash is not the one the checkpoint names"};
  }
  return std::nullopt;
}

// A record whose stored values cannot be read is that record's finding, not a failure of
// the walk: the store says which record it is.
AuditStatus walk_chain(const AuditStore& store, ChainWalk& walk, std::optional<Finding>& finding) {
  AuditStatus s = store.for_each_record([&](const AuditRecord& r) { return walk.visit(r); });
  if (s.ok()) {
    finding = walk.finding();
    return s;
  }
  if (s.error().seq == 0) return s;
  std::string why = s.error().message;
  std::string prefix = fmt::format("record {}: ", s.error().seq);
  if (why.rfind(prefix, 0) == 0) why.erase(0, prefix.size());
  finding = Finding{s.error().seq, why};
  return {};
}

AuditStatus verify_in_snapshot(const AuditStore& store, AuditVerifyReport& report) {
  auto checkpoint = store.last_checkpoint();
  if (!checkpoint.ok()) return checkpoint.error();
  const std::optional<AuditCheckpoint>& cp = checkpoint.value();
  ChainWalk walk(store.meta(), cp ? cp->seq : 0);
  std::optional<Finding> finding;
  if (AuditStatus s = walk_chain(store, walk, finding); !s.ok()) return s;
  if (!finding) {
    auto head = store.committed_head();
    if (!head.ok()) return head.error();
    finding = check_head(head.value(), walk.head());
  }
  if (!finding && cp) finding = check_checkpoint(*cp, walk);
  report.records = walk.count();
  report.head = walk.head();
  if (finding) {
    report.ok = false;
    report.bad_seq = finding->seq;
    report.reason = finding->reason;
  }
  return {};
}

}  // namespace

AuditResult<AuditVerifyReport> verify_trail(const AuditStore& store) {
  AuditVerifyReport report;
  AuditStatus s = store.in_snapshot([&] { return verify_in_snapshot(store, report); });
  if (!s.ok()) return s.error();
  return report;
}

AuditResult<AuditVerifyReport> verify_trail(const std::string& path) {
  auto store = AuditStore::open(path, AuditOpenOptions{AuditOpenMode::ReadOnly, {}});
  if (!store.ok()) return store.error();
  return verify_trail(*store.value());
}

}  // namespace writ::runtime
