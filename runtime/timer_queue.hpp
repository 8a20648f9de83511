#pragma once
// The one queue of timers (ARCHITECTURE.md, "Runtime"): ordered by due time, then by the
// declaration order of the construct that set it, then by incident id, then by when it was
// set, so timers due together always fire in the same order. A timer names its incident by
// interned id (a number to carry and look up); only a tie on time and construct compares
// the texts. A timer is cancelled by
// bumping the generation of what set it: a popped timer whose generation is stale is
// skipped, which keeps cancellation O(1) and the heap free of searches.
#include <cstdint>
#include <optional>
#include <queue>
#include <vector>

#include "compiler/string_table.hpp"
#include "lang/huge_page_allocator.hpp"

namespace writ::runtime {

struct Timer {
  enum class Kind { SlaWarn, SlaBreach, LadderLevel, ObligationDeadline, TimerRule };
  std::int64_t due = 0;
  std::uint32_t construct = 0;  // declaration order: Plan::constructs index
  compiler::StringId incident = 0;  // 0 (the empty string) for the engine-wide instances
  std::uint64_t sequence = 0;   // set by the queue: the order timers were added in
  Kind kind = Kind::SlaBreach;
  std::uint32_t target = 0;      // index into the Plan's slas / ladders / obligations / timer_rules
  std::uint32_t step = 0;        // SlaWarn: the warning; LadderLevel: the level
  std::uint32_t round = 0;       // LadderLevel: 0, then each repeat
  std::uint64_t generation = 0;  // of the instance that set it
};

class TimerQueue {
 public:
  // `strings` holds the incidents' texts and must outlive the queue.
  explicit TimerQueue(const compiler::StringTable& strings) : heap_(Later{&strings}) {}
  void push(Timer timer);
  // The earliest timer due at or before `until`, removed from the queue.
  std::optional<Timer> pop_due(std::int64_t until);
  std::optional<std::int64_t> next_due() const;
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  // Every timer in no particular order, read in place (for checkpoints): among timers of
  // one incident, sequence orders those otherwise tied.
  using Timers = std::vector<Timer, lang::HugePageAllocator<Timer>>;  // in huge pages once large
  const Timers& unordered() const { return heap_.items(); }

 private:
  struct Later {
    const compiler::StringTable* strings;
    bool operator()(const Timer& a, const Timer& b) const;
  };
  struct Heap : std::priority_queue<Timer, Timers, Later> {
    explicit Heap(const Later& later) : std::priority_queue<Timer, Timers, Later>(later) {}
    const Timers& items() const { return c; }
  };
  Heap heap_;
  std::uint64_t next_sequence_ = 0;
};

}  // namespace writ::runtime
