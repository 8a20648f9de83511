#include "runtime/reorder_buffer.hpp"

#include <fmt/format.h>

#include "lang/literals.hpp"

namespace writ::runtime {

std::optional<std::string> ReorderBuffer::push(DecodedEvent event) {
  // Released events are at least the window behind the newest, so an event accepted here
  // never falls before one already released. (Differences of times, not `newest - window`,
  // which a huge window would overflow.)
  if (newest_ && *newest_ - event.at > window_) {
    return fmt::format("`at` {} is more than the reorder window ({}) behind the newest event ({})",
                       lang::format_time(event.at), lang::format_duration(window_), lang::format_time(*newest_));
  }
  newest_ = std::max(newest_.value_or(event.at), event.at);
  std::int64_t at = event.at;
  held_.emplace(std::make_pair(at, arrivals_++), std::move(event));
  return std::nullopt;
}

std::optional<DecodedEvent> ReorderBuffer::pop_ready() {
  if (held_.empty() || *newest_ - held_.begin()->first.first < window_) return std::nullopt;
  return pop_any();
}

std::optional<DecodedEvent> ReorderBuffer::pop_any() {
  if (held_.empty()) return std::nullopt;
  auto node = held_.extract(held_.begin());
  return std::move(node.mapped());
}

}  // namespace writ::runtime
