#include "bench/peers/cpp_floor.hpp"

namespace writ::peers {

CppFloor::CppFloor() {
  enterprise_ = intern("enterprise");
  department_ = intern("department");
  incident_commander_ = intern("incident_commander");
  triage_lead_ = intern("triage_lead");
  change_requested_ = intern("change.requested");
  severity_change_ = intern("severity.change");
  for (std::string_view s : {"auth", "payments", "checkout", "ledger", "gateway"}) {
    std::uint32_t id = intern(s);
    if (id >= critical_.size()) critical_.resize(id + 1, false);
    critical_[id] = true;
  }
}

std::uint32_t CppFloor::intern(std::string_view text) {
  return ids_.try_emplace(text, static_cast<std::uint32_t>(ids_.size())).first->second;
}

void CppFloor::load(const std::vector<PeerEvent>& events) {
  events_.clear();
  events_.reserve(events.size());
  for (const PeerEvent& e : events) {
    events_.push_back({intern(kTypes[e.type]), intern(kServices[e.service]), intern(kImpacts[e.impact]),
                       intern(kRoles[e.role]), e.severity, e.users_affected, e.duration_min, e.replication_lag_s,
                       e.data_exposure, e.data_consistent});
  }
}

DecisionCounts CppFloor::evaluate() const {
  DecisionCounts c;
  for (const Event& e : events_) {
    bool major = ((e.impact == enterprise_ || e.users_affected >= 1000) && e.duration_min >= 30) || e.data_exposure;
    Decision tier = kTierP4;
    if (e.severity == 1 || (major && e.severity <= 3)) tier = kTierP1;
    else if (e.severity <= 2 || e.users_affected >= 2500) tier = kTierP2;
    else if (e.severity == 3 || e.impact == department_) tier = kTierP3;
    bool critical_service = critical(e.service);
    c.n[kDeclareMajor] += major;
    c.n[tier] += 1;
    c.n[kTriageBreach] += e.severity <= 2 && e.duration_min > 15;
    c.n[kFailoverAllowed] += e.replication_lag_s <= 5 && e.data_consistent;
    c.n[kSeverityChangePermitted] += e.type == severity_change_ && privileged(e.role);
    c.n[kPageExec] += critical_service && e.severity == 1;
    c.n[kChangeBlocked] += e.type == change_requested_ && (major || (critical_service && e.severity <= 3));
    c.n[kSlaBreach] += (e.severity == 1 && e.duration_min > 60) || (e.severity == 2 && e.duration_min > 240) ||
                       (e.severity >= 3 && e.duration_min > 480);
  }
  return c;
}

DecisionCounts CppFloor::evaluate_r5() const {
  DecisionCounts c;
  for (const Event& e : events_) c.n[kSeverityChangePermitted] += e.type == severity_change_ && privileged(e.role);
  return c;
}

}  // namespace writ::peers
