#include "bench/baseline/language_policy.hpp"

namespace writ::bench {

namespace {

// The policy's constants and enum positions, as a hand-written engine would spell them.
constexpr std::int64_t kMajorUserThreshold = 1000;
constexpr std::int64_t kP1 = 0, kP2 = 1, kP3 = 2, kP4 = 3;
constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kSecond = 1'000;

std::uint64_t bit(BaselineBit b, bool value) { return static_cast<std::uint64_t>(value) << b; }

// Looks up the word of `field` in `layout`, or records why it is missing.
bool word_of(const compiler::RecordLayout* layout, const char* field, std::uint32_t& word, std::string& why) {
  const compiler::FieldSlot* slot = layout ? layout->find(field) : nullptr;
  if (!slot) {
    why = std::string("the policy has no field `") + field + "` where the baseline reads it";
    return false;
  }
  word = slot->word;
  return true;
}

bool id_of(const compiler::StringTable& strings, const char* text, std::int64_t& id, std::string& why) {
  compiler::StringId found = 0;
  if (!strings.find(text, found)) {
    why = std::string("the policy has no string literal \"") + text + "\"";
    return false;
  }
  id = found;
  return true;
}

}  // namespace

const char* event_kind_type(EventKind kind) {
  switch (kind) {
    case EventKind::AlertReceived: return "alert.received";
    case EventKind::IncidentUpdated: return "incident.updated";
    case EventKind::FailoverRequested: return "failover.requested";
    case EventKind::ChangeRequested: return "change.requested";
    case EventKind::SeverityChange: return "severity.change";
    case EventKind::StatusUpdated: return "status.updated";
    case EventKind::Count: break;
  }
  return "";
}

std::optional<LanguagePolicy> LanguagePolicy::create(const compiler::Plan& plan, std::string& why) {
  LanguagePolicy p;
  const compiler::ProgramLayouts& l = plan.layouts;
  auto ev = [&](const char* type) { return l.event(type); };
  bool ok = word_of(ev("alert.received"), compiler::kActorRoleField, p.w_.actor_role, why) &&
            word_of(ev("alert.received"), "service", p.w_.service, why) &&
            word_of(ev("alert.received"), "severity", p.w_.severity, why) &&
            word_of(ev("incident.updated"), "impact", p.w_.impact, why) &&
            word_of(ev("incident.updated"), "users_affected", p.w_.users_affected, why) &&
            word_of(ev("incident.updated"), "data_exposure", p.w_.data_exposure, why) &&
            word_of(ev("incident.updated"), "locations", p.w_.locations, why) &&
            word_of(ev("failover.requested"), "replication_lag", p.w_.replication_lag, why) &&
            word_of(ev("failover.requested"), "data_consistent", p.w_.data_consistent, why) &&
            word_of(ev("change.requested"), "emergency", p.w_.emergency, why) &&
            word_of(ev("status.updated"), "audience", p.w_.audience, why) &&
            word_of(&l.state, "opened_at", p.w_.opened_at, why) && word_of(&l.state, "tier", p.w_.tier, why) &&
            word_of(&l.state, "major", p.w_.major, why);
  if (!ok) return std::nullopt;
  for (std::size_t k = 0; k < kEventKinds; ++k) {
    std::uint32_t role = 0;
    if (!word_of(ev(event_kind_type(static_cast<EventKind>(k))), compiler::kActorRoleField, role, why)) return std::nullopt;
    if (role != p.w_.actor_role) {
      why = "actor.role is not at the same word in every event type";
      return std::nullopt;
    }
  }
  const compiler::StringTable& s = plan.strings;
  ok = id_of(s, "enterprise", p.enterprise_, why) && id_of(s, "department", p.department_, why) &&
       id_of(s, "internal", p.internal_, why) && id_of(s, "spokesperson", p.spokesperson_, why) &&
       id_of(s, "incident_commander", p.incident_commander_, why) && id_of(s, "triage_lead", p.triage_lead_, why) &&
       id_of(s, "cab_chair", p.cab_chair_, why) && id_of(s, "payments", p.critical_[0], why) &&
       id_of(s, "auth", p.critical_[1], why) && id_of(s, "core-banking", p.critical_[2], why);
  if (!ok) return std::nullopt;
  return p;
}

BaselineOutcome LanguagePolicy::evaluate(EventKind kind, const std::int64_t* e, std::int64_t* state,
                                         std::int64_t now) const {
  BaselineOutcome out;
  switch (kind) {
    case EventKind::AlertReceived: {
      std::int64_t service = e[w_.service];
      std::int64_t severity = e[w_.severity];
      bool critical = service == critical_[0] || service == critical_[1] || service == critical_[2];
      out.bits = bit(kSuppress, severity >= 4 && !critical) | bit(kTriageStart, severity <= 2);
      out.correlate_key = service;
      break;
    }
    case EventKind::IncidentUpdated: {
      std::int64_t impact = e[w_.impact];
      std::int64_t users = e[w_.users_affected];
      std::int64_t tier = kP4;
      BaselineBit row = kTierOtherwise;
      if (impact == enterprise_ || users >= kMajorUserThreshold) {
        tier = kP1, row = kTierRow1;
      } else if (impact == department_ || users >= 100) {
        tier = kP2, row = kTierRow2;
      } else if (users >= 10) {
        tier = kP3, row = kTierRow3;
      }
      state[w_.tier] = tier;
      bool major = (tier == kP1 && now - state[w_.opened_at] >= 30 * kMinute) || e[w_.data_exposure] != 0 ||
                   e[w_.locations] >= 2;
      if (major) state[w_.major] = 1;
      out.bits = bit(row, true) | bit(kDeclareMajor, major);
      out.tier = tier;
      break;
    }
    case EventKind::FailoverRequested:
      out.bits = bit(kDenyLag, e[w_.replication_lag] > 5 * kSecond) | bit(kDenyConsistency, e[w_.data_consistent] == 0);
      break;
    case EventKind::ChangeRequested: {
      bool emergency = e[w_.emergency] != 0;
      out.bits = bit(kUnlessPostMajor, emergency && e[w_.actor_role] == cab_chair_) | bit(kUnlessYearEnd, emergency);
      break;
    }
    case EventKind::SeverityChange: {
      std::int64_t role = e[w_.actor_role];
      out.bits = bit(kPermit, role == incident_commander_ || role == triage_lead_);
      break;
    }
    case EventKind::StatusUpdated:
      out.bits = bit(kPermit, e[w_.audience] == internal_ || e[w_.actor_role] == spokesperson_);
      break;
    case EventKind::Count: break;
  }
  return out;
}

}  // namespace writ::bench
