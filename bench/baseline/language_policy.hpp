#pragma once
// The conditions of the LANGUAGE.md policy (tests/fixtures/language) written by hand in C++:
// what the compiler benchmark measures the JIT against. It reads the same Record words, by
// the same layouts, as the compiled routines, and compares the same interned string ids, so
// the two do the same work; what differs is only who wrote the code. Word offsets and string
// ids are resolved once from the Plan, as a hand-written engine would at start-up.
#include <cstdint>
#include <optional>
#include <string>

#include "compiler/plan.hpp"

namespace writ::bench {

// The event types of the policy that carry conditions.
enum class EventKind : std::uint8_t {
  AlertReceived, IncidentUpdated, FailoverRequested, ChangeRequested, SeverityChange, StatusUpdated, Count
};
inline constexpr std::size_t kEventKinds = static_cast<std::size_t>(EventKind::Count);
const char* event_kind_type(EventKind kind);  // "alert.received", ...

// One bit per condition the baseline computes; the benchmark maps each to the Plan's bit.
enum BaselineBit : std::uint32_t {
  kSuppress,             // alert.received: suppress
  kTriageStart,          // alert.received: sla triage start condition
  kTierRow1, kTierRow2, kTierRow3, kTierOtherwise,  // incident.updated: classify tier
  kDeclareMajor,         // incident.updated: rule declare_major
  kDenyLag, kDenyConsistency,                        // failover.requested: guard failover_safety
  kUnlessPostMajor, kUnlessYearEnd,                  // change.requested: freezes' `unless`
  kPermit,               // severity.change, status.updated: the permit
};

struct BaselineOutcome {
  std::uint64_t bits = 0;
  std::int64_t correlate_key = 0;  // alert.received: the string id of event.service
  std::int64_t tier = 0;           // incident.updated: the tier the classify table assigned
};

class LanguagePolicy {
 public:
  // The baseline for a Plan of the LANGUAGE.md policy, or nullopt (with `why`) when the Plan
  // lacks a field, enum value or string it reads.
  static std::optional<LanguagePolicy> create(const compiler::Plan& plan, std::string& why);

  // Evaluates the conditions of one event, and applies the state changes the policy makes
  // (`classify tier`, `set major = true`) to `state`, as the apply routine does.
  BaselineOutcome evaluate(EventKind kind, const std::int64_t* event, std::int64_t* state, std::int64_t now) const;

 private:
  LanguagePolicy() = default;

  // Event words, by type; state words.
  struct Words {
    std::uint32_t actor_role = 0;
    std::uint32_t service = 0, severity = 0;                                     // alert.received
    std::uint32_t impact = 0, users_affected = 0, data_exposure = 0, locations = 0;  // incident.updated
    std::uint32_t replication_lag = 0, data_consistent = 0;                     // failover.requested
    std::uint32_t emergency = 0;                                                // change.requested
    std::uint32_t audience = 0;                                                 // status.updated
    std::uint32_t opened_at = 0, tier = 0, major = 0;                           // state
  };
  // Actor role is at the same word in every event type (a reserved field); checked in create().
  Words w_;
  // Interned ids of the literals the conditions compare with.
  std::int64_t enterprise_ = 0, department_ = 0, internal_ = 0, spokesperson_ = 0;
  std::int64_t incident_commander_ = 0, triage_lead_ = 0, cab_chair_ = 0;
  std::int64_t critical_[3] = {0, 0, 0};  // payments, auth, core-banking
};

}  // namespace writ::bench
