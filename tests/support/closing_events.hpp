#pragma once
// A stream for tests/fixtures/engine/closing.writ: incidents opened, updated, acknowledged and
// resolved (closed while SLA timers are still pending, so evicted when those pop), every
// event with an id, and now and then a global event that pauses or resumes every open
// incident's SLA. What checkpoints of the engine's state must follow across many commits.
#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <vector>

namespace writ::test {

// Incidents 15 minutes apart from 08:00 on one day: `incidents` <= 60.
inline std::vector<std::string> closing_events(int incidents) {
  std::vector<std::string> lines;
  std::int64_t minute = 0;
  auto at = [&] { return fmt::format("2026-11-23T{:02}:{:02}:00Z", 8 + minute / 60, minute % 60); };
  auto event = [&](const char* type, int incident, const std::string& fields) {
    std::string on = incident < 0 ? "" : fmt::format(R"(, "incident": "INC-{}")", incident);
    lines.push_back(fmt::format(R"({{"type": "{}", "at": "{}"{}, "id": "e{}"{}}})", type, at(), on, lines.size(), fields));
  };
  for (int i = 0; i < incidents; ++i) {
    event("alert.received", i, fmt::format(R"(, "service": "svc-{}", "severity": {})", i % 3, 1 + i % 4));
    if (i % 4 != 3) event("status.updated", i, "");
    if (i % 3 == 0) event("incident.acknowledged", i, "");
    if (i >= 3) event("incident.resolved", i - 3, "");
    if (i % 7 == 5) event((i / 7) % 2 == 0 ? "maintenance.started" : "maintenance.ended", -1, "");
    minute += 15;
  }
  return lines;
}

}  // namespace writ::test
