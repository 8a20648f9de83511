#pragma once
// What the engine keeps per incident: its state record and the running instances of the
// constructs with clocks. Instances are indexed like the Plan's slas / ladders / obligations.
// An incident is one block: its state words, its instances and the room for the start
// events they keep (`started.`) follow it, laid out by the IncidentShape the engine computes
// once from the Plan, in a block of the engine's IncidentPool. At 10,000 open incidents and
// more an incident is a cache miss; in one block, an event reaches its parts at known
// offsets beside it instead of through a pointer to each.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "compiler/record_layout.hpp"
#include "runtime/incident_pool.hpp"

namespace writ::compiler {
struct Plan;
}

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
  std::optional<compiler::Record> started;  // its words in the incident's block (Incident::keep)
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
  std::optional<compiler::Record> started;  // its words in the incident's block (Incident::keep)
};

// Whose start event a room in the block keeps.
enum class StartedBy { Sla, Obligation, TimerRule };

// Where each part of an incident lies in its block, for one Plan.
class IncidentShape {
 public:
  // Incidents with no instances (for tests of what holds incidents).
  explicit IncidentShape(const compiler::RecordLayout& state);
  explicit IncidentShape(const compiler::Plan& plan);
  // An incident's block.
  std::size_t bytes() const { return bytes_; }

 private:
  friend class Incident;
  // Room for a start event's words: its offset in the block and how many words it holds,
  // the most any event type that starts the construct needs (0: no event starts it).
  struct Room {
    std::size_t at = 0;
    std::uint32_t words = 0;
  };
  void lay_out();
  const std::vector<Room>& rooms(StartedBy by) const;

  const compiler::RecordLayout* state_;
  std::size_t ladders_ = 0, measures_ = 0;
  std::vector<Room> sla_rooms_, obligation_rooms_, timer_rule_rooms_;
  std::size_t state_at_ = 0, slas_at_ = 0, ladders_at_ = 0, obligations_at_ = 0, measure_from_at_ = 0,
              measure_done_at_ = 0, timer_rule_armed_at_ = 0, timer_rule_event_at_ = 0, bytes_ = 0;
};

class Incident {
 public:
  // A new incident in a block of `pool`, whose blocks have `shape`'s size: its state record
  // all zero, its instances idle. `shape` and `pool` must outlive it.
  static std::unique_ptr<Incident> make(const IncidentShape& shape, IncidentPool& pool);
  ~Incident();
  Incident(const Incident&) = delete;
  Incident& operator=(const Incident&) = delete;
  // Gives the block back to its pool.
  static void operator delete(Incident* incident, std::destroying_delete_t);

  // A copy of `event` (laid out by `layout`) whose words live in the block's room for the
  // start event of the SLA, obligation or timer rule `index`: what the instance keeps.
  compiler::Record keep(StartedBy by, std::uint32_t index, const compiler::Record& event,
                        const compiler::RecordLayout& layout);

  std::string id;
  compiler::StringId key = 0;  // `id` interned: what the engine's tables and timers know it by
  bool closed = false;
  std::size_t pending_timers = 0;  // pushed and not yet popped, stale or not
  compiler::Record state;
  // The instances, where the shape puts them in the block. Found from the shape on each
  // call rather than kept here as spans: seven spans were 112 bytes of every block, and at
  // 100,000 open incidents an incident's bytes are what opening it costs (its memory's
  // first touch) and what an event waits for.
  std::span<SlaInstance> slas() const { return part<SlaInstance>(shape_.slas_at_, shape_.sla_rooms_.size()); }
  std::span<LadderInstance> ladders() const { return part<LadderInstance>(shape_.ladders_at_, shape_.ladders_); }
  std::span<ObligationInstance> obligations() const {
    return part<ObligationInstance>(shape_.obligations_at_, shape_.obligation_rooms_.size());
  }
  // Flags as bytes, not vector<bool>.
  std::span<std::optional<std::int64_t>> measure_from() const {  // first `from` event time
    return part<std::optional<std::int64_t>>(shape_.measure_from_at_, shape_.measures_);
  }
  std::span<std::uint8_t> measure_done() const { return part<std::uint8_t>(shape_.measure_done_at_, shape_.measures_); }
  std::span<std::uint8_t> timer_rule_armed() const {  // a timer rule fires once per incident
    return part<std::uint8_t>(shape_.timer_rule_armed_at_, shape_.timer_rule_rooms_.size());
  }
  std::span<std::optional<compiler::Record>> timer_rule_event() const {  // in the block (keep)
    return part<std::optional<compiler::Record>>(shape_.timer_rule_event_at_, shape_.timer_rule_rooms_.size());
  }

 private:
  Incident(const IncidentShape& shape, IncidentPool& pool, std::byte* block);
  // The block is the incident's own memory: its parts are as mutable as the incident's
  // members, which a const Incident's spans gave out too.
  template <typename T>
  std::span<T> part(std::size_t at, std::size_t count) const {
    auto* block = reinterpret_cast<std::byte*>(const_cast<Incident*>(this));
    return {reinterpret_cast<T*>(block + at), count};
  }

  const IncidentShape& shape_;
  IncidentPool& pool_;
};

}  // namespace writ::runtime
