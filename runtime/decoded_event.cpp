#include "runtime/decoded_event.hpp"

#include <fmt/format.h>

#include "lang/literals.hpp"

namespace writ::runtime {

Rejection reject(const DecodedEvent& event, const compiler::StringTable& strings, RejectReason reason,
                 std::string message) {
  Rejection r;
  r.reason = reason;
  r.message = std::move(message);
  r.type = std::string(event.type);
  r.at = event.at;
  if (event.incident) r.incident = strings.text(*event.incident);
  return r;
}

Rejection reject_before_clock(const DecodedEvent& event, std::int64_t clock, const compiler::StringTable& strings) {
  return reject(event, strings, RejectReason::BeforeClock,
                fmt::format("`at` {} is before the engine clock {}", lang::format_time(event.at),
                            lang::format_time(clock)));
}

}  // namespace writ::runtime
