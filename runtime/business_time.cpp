#include "runtime/business_time.hpp"

#include <algorithm>

namespace writ::runtime {

std::int64_t BusinessTime::elapsed(std::int32_t calendar, std::int64_t from, std::int64_t to) const {
  if (calendar < 0) return std::max<std::int64_t>(to - from, 0);
  return plan_->calendars.at(static_cast<std::size_t>(calendar)).calendar.elapsed(from, to);
}

std::optional<std::int64_t> BusinessTime::add(std::int32_t calendar, std::int64_t from, std::int64_t duration) const {
  if (calendar < 0) return from + std::max<std::int64_t>(duration, 0);
  return plan_->calendars.at(static_cast<std::size_t>(calendar)).calendar.add(from, duration);
}

}  // namespace writ::runtime
