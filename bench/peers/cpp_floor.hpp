#pragma once
// The floor: the rule set written by hand in C++ over interned strings, the fastest a
// hand-written evaluator of these rules reasonably gets. Events are interned before the
// timed loop (every string field becomes a small id), as the Writ engine's records are.
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bench/peers/decision_counts.hpp"
#include "bench/peers/workload.hpp"

namespace writ::peers {

class CppFloor {
 public:
  CppFloor();

  // Interns the events' strings; evaluate() then reads these records.
  void load(const std::vector<PeerEvent>& events);
  DecisionCounts evaluate() const;
  DecisionCounts evaluate_r5() const;

 private:
  struct Event {
    std::uint32_t type, service, impact, role;
    std::int32_t severity, users_affected, duration_min, replication_lag_s;
    bool data_exposure, data_consistent;
  };

  std::uint32_t intern(std::string_view text);
  bool critical(std::uint32_t service) const { return service < critical_.size() && critical_[service]; }
  bool privileged(std::uint32_t role) const { return role == incident_commander_ || role == triage_lead_; }

  std::unordered_map<std::string_view, std::uint32_t> ids_;
  std::vector<bool> critical_;  // by service id
  std::uint32_t enterprise_, department_, incident_commander_, triage_lead_, change_requested_, severity_change_;
  std::vector<Event> events_;
};

}  // namespace writ::peers
