#pragma once
// The peer workload's events (/work/shared/bench/PEER_WORKLOAD.md): a seeded xorshift32
// stream, drawn field by field in the specified order, and its two written forms: the
// JSON lines every peer reads (`JSON.stringify` of the fields, in order) and the Writ JSON
// lines `writ replay` reads (the same fields, the role as the actor's, `at` increasing).
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace writ::peers {

inline constexpr std::array<std::string_view, 4> kTypes{"alert.received", "incident.updated", "change.requested",
                                                       "severity.change"};
inline constexpr std::array<std::string_view, 20> kServices{
    "auth",   "payments",  "checkout", "ledger",        "gateway", "search",    "inventory", "catalog", "shipping", "notifications",
    "billing", "identity", "reporting", "analytics",    "email",   "cdn",       "dns",       "storage", "queue",    "scheduler"};
inline constexpr std::array<std::string_view, 4> kImpacts{"enterprise", "department", "team", "individual"};
inline constexpr std::array<std::string_view, 4> kRoles{"incident_commander", "triage_lead", "responder", "observer"};

// Indices of kTypes.
inline constexpr std::uint8_t kChangeRequested = 2;
inline constexpr std::uint8_t kSeverityChange = 3;

inline constexpr std::int32_t kDefaultIncidents = 20000;

// One event; strings are indices into the lists above.
struct PeerEvent {
  std::uint8_t type = 0;
  std::uint8_t service = 0;
  std::uint8_t impact = 0;
  std::uint8_t role = 0;
  std::int32_t incident = 0;  // the number after "INC-"
  std::int32_t severity = 0;
  std::int32_t users_affected = 0;
  std::int32_t duration_min = 0;
  std::int32_t replication_lag_s = 0;
  bool data_exposure = false;
  bool data_consistent = false;
};

// `incidents` bounds the incident numbers (int(1, incidents)); the specified stream has 20000.
std::vector<PeerEvent> generate_events(std::size_t count, std::int32_t incidents = kDefaultIncidents);

// One line of the peers' file, without the newline.
std::string json_line(const PeerEvent& e);

// One line for `writ replay`, without the newline; `at_ms` is ms since the epoch.
std::string writ_line(const PeerEvent& e, std::int64_t at_ms);

// The time of event `index` in the Writ lines: one second apart from 2026-11-27T00:00:00Z.
std::int64_t writ_event_time(std::size_t index);

}  // namespace writ::peers
