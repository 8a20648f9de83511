#pragma once
// `--reorder-window D` (docs/events.md, "Out-of-order feeds"): a feed whose events arrive a
// little out of order is held back by up to D behind the newest `at` seen, and released in
// (`at`, arrival) order, so the virtual clock only moves as events are released and timers
// fire between them where they belong. An event more than D behind the newest is refused
// with a reason; at the end of the input the rest is released. The same input always gives
// the same releases.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "runtime/decoded_event.hpp"

namespace writ::runtime {

class ReorderBuffer {
 public:
  explicit ReorderBuffer(std::int64_t window_ms) : window_(window_ms) {}

  // Holds `event`, or returns why not: its `at` is more than the window behind the newest.
  std::optional<std::string> push(DecodedEvent event);
  // The earliest held event once it is at least the window behind the newest; nullopt
  // while none is.
  std::optional<DecodedEvent> pop_ready();
  // The earliest held event, whatever its time: the end of the input.
  std::optional<DecodedEvent> pop_any();

  std::size_t size() const { return held_.size(); }

 private:
  std::int64_t window_;
  std::optional<std::int64_t> newest_;
  std::uint64_t arrivals_ = 0;
  std::map<std::pair<std::int64_t, std::uint64_t>, DecodedEvent> held_;  // by (at, arrival)
};

}  // namespace writ::runtime
