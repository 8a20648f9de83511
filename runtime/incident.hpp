#pragma once
// What the engine keeps per incident: its state record and the running instances of the
// constructs with clocks. Instances are indexed like the Plan's slas / ladders / obligations.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compiler/record_layout.hpp"

namespace writ::runtime {

// A clock on a calendar: time is consumed while running and not paused. Deadlines are
// computed once per start and resume, never by ticking.
struct SlaInstance {
  bool running = false;
  bool paused = false;
  bool breached = false;
  std::uint64_t generation = 0;  // bumped on every stop/pause: cancels its timers
  std::int64_t started_at = 0;
  std::int64_t target_ms = 0;
  std::int64_t consumed_ms = 0;    // counted time before the current segment
  std::int64_t segment_start = 0;  // when the current running segment began
  std::size_t next_warn = 0;       // warnings before this one have fired
  std::optional<compiler::Record> started;
};

struct LadderInstance {
  bool running = false;
  std::uint64_t generation = 0;
  std::vector<std::int64_t> delays;  // per level, then the repeat delay
  std::int64_t repeat_delay = 0;
};

struct ObligationInstance {
  bool running = false;
  std::uint64_t generation = 0;
  std::int64_t interval_ms = 0;  // `within` deadline or `every` interval
  std::optional<compiler::Record> started;
};

struct Incident {
  std::string id;
  compiler::StringId key = 0;  // `id` interned: what the engine's tables and timers know it by
  compiler::Record state;
  bool closed = false;
  std::size_t pending_timers = 0;  // pushed and not yet popped, stale or not
  std::vector<SlaInstance> slas;
  std::vector<LadderInstance> ladders;
  std::vector<ObligationInstance> obligations;
  // Flags as bytes, not vector<bool>: 24 bytes in every incident instead of 40.
  std::vector<std::optional<std::int64_t>> measure_from;  // first `from` event time
  std::vector<std::uint8_t> measure_done;
  std::vector<std::uint8_t> timer_rule_armed;  // a timer rule fires once per incident
  std::vector<std::optional<compiler::Record>> timer_rule_event;

  explicit Incident(const compiler::RecordLayout& state_layout) : state(state_layout) {}
};

}  // namespace writ::runtime
