#include "writ/time.hpp"

#include "lang/literals.hpp"

namespace writ {

std::optional<Time> parse_time(std::string_view text) {
  auto ms = lang::parse_time(text);
  if (!ms) return std::nullopt;
  return Time(Duration(*ms));
}

std::string format_time(Time t) { return lang::format_time(t.time_since_epoch().count()); }

}  // namespace writ
