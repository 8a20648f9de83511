#include "bench/peers/workload.hpp"

#include <fmt/format.h>

#include <chrono>

namespace writ::peers {

namespace {

class Xorshift32 {
 public:
  std::uint32_t next() {
    s_ ^= s_ << 13;
    s_ ^= s_ >> 17;
    s_ ^= s_ << 5;
    return s_;
  }
  std::int32_t between(std::int32_t lo, std::int32_t hi) {
    return lo + static_cast<std::int32_t>(next() % static_cast<std::uint32_t>(hi - lo + 1));
  }
  template <std::size_t N>
  std::uint8_t pick(const std::array<std::string_view, N>&) {
    return static_cast<std::uint8_t>(next() % N);
  }

 private:
  std::uint32_t s_ = 2463534242u;
};

const char* json_bool(bool b) { return b ? "true" : "false"; }

std::string rfc3339(std::int64_t ms) {
  using namespace std::chrono;
  sys_time<milliseconds> t{milliseconds(ms)};
  auto day = floor<days>(t);
  year_month_day ymd{day};
  hh_mm_ss<milliseconds> hms{t - day};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), hms.hours().count(),
                     hms.minutes().count(), hms.seconds().count());
}

}  // namespace

std::vector<PeerEvent> generate_events(std::size_t count, std::int32_t incidents) {
  Xorshift32 rng;
  std::vector<PeerEvent> events(count);
  for (PeerEvent& e : events) {
    e.type = rng.pick(kTypes);
    e.incident = rng.between(1, incidents);
    e.service = rng.pick(kServices);
    e.severity = rng.between(1, 5);
    e.users_affected = rng.between(0, 5000);
    e.impact = rng.pick(kImpacts);
    e.duration_min = rng.between(0, 600);
    e.data_exposure = rng.next() % 20 == 0;
    e.role = rng.pick(kRoles);
    e.replication_lag_s = rng.between(0, 30);
    e.data_consistent = rng.next() % 5 != 0;
  }
  return events;
}

std::string json_line(const PeerEvent& e) {
  return fmt::format(
      R"({{"type":"{}","incident":"INC-{}","service":"{}","severity":{},"users_affected":{},"impact":"{}",)"
      R"("duration_min":{},"data_exposure":{},"role":"{}","replication_lag_s":{},"data_consistent":{}}})",
      kTypes[e.type], e.incident, kServices[e.service], e.severity, e.users_affected, kImpacts[e.impact], e.duration_min,
      json_bool(e.data_exposure), kRoles[e.role], e.replication_lag_s, json_bool(e.data_consistent));
}

std::string writ_line(const PeerEvent& e, std::int64_t at_ms) {
  return fmt::format(
      R"({{"type":"{}","at":"{}","incident":"INC-{}","actor":{{"id":"","role":"{}"}},"service":"{}","severity":{},)"
      R"("users_affected":{},"impact":"{}","duration_min":{},"data_exposure":{},"replication_lag_s":{},"data_consistent":{}}})",
      kTypes[e.type], rfc3339(at_ms), e.incident, kRoles[e.role], kServices[e.service], e.severity, e.users_affected,
      kImpacts[e.impact], e.duration_min, json_bool(e.data_exposure), e.replication_lag_s, json_bool(e.data_consistent));
}

std::int64_t writ_event_time(std::size_t index) {
  constexpr std::int64_t kStart = 1'795'737'600'000;  // 2026-11-27T00:00:00Z
  return kStart + static_cast<std::int64_t>(index) * 1000;
}

}  // namespace writ::peers
