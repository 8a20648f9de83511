#include "runtime/timer_queue.hpp"

#include <algorithm>

namespace writ::runtime {

bool TimerQueue::Later::operator()(const Timer& a, const Timer& b) const {
  if (a.due != b.due) return a.due > b.due;
  if (a.construct != b.construct) return a.construct > b.construct;
  if (a.incident != b.incident) return strings->text(a.incident) > strings->text(b.incident);
  return a.sequence > b.sequence;
}

void TimerQueue::push(Timer timer) {
  timer.sequence = next_sequence_++;
  heap_.push(std::move(timer));
}

std::optional<Timer> TimerQueue::pop_due(std::int64_t until) {
  if (heap_.empty() || heap_.top().due > until) return std::nullopt;
  Timer t = heap_.top();
  heap_.pop();
  return t;
}

std::optional<std::int64_t> TimerQueue::next_due() const {
  if (heap_.empty()) return std::nullopt;
  return heap_.top().due;
}

}  // namespace writ::runtime
