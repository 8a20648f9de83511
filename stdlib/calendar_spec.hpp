#pragma once
// A business calendar as plain data. The compiler fills it from a checked `calendar`
// declaration (compiler/calendar_spec.hpp); BusinessCalendar and the runtime read it. It
// names no AST or runtime type, so either side can hold one without seeing the other.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace writ::stdlib {

// Open from `from_minute` up to, not including, `to_minute`, in minutes after local
// midnight; `to_minute` 1440 is the end of the day (24:00).
struct OpenInterval {
  int from_minute = 0;
  int to_minute = 0;
};

// The local days `first_day` to `last_day`, both included, as days since 1970-01-01
// (proleptic Gregorian).
struct ClosedRange {
  std::int64_t first_day = 0;
  std::int64_t last_day = 0;
};

struct CalendarSpec {
  std::string zone;  // an IANA name: "Europe/Brussels", "UTC"
  // Per weekday, Monday first: the intervals as written, in any order; they may overlap or
  // touch, and the day is open on their union.
  std::array<std::vector<OpenInterval>, 7> open;
  // Whole local days on which nothing is open, in any order; ranges may overlap.
  std::vector<ClosedRange> closed;
};

}  // namespace writ::stdlib
