#pragma once
// The text forms of durations, times, dates and clock times, both ways. Shared by the
// parser, the formatter, the checker and message interpolation, so all agree.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace writ::lang {

// `30s`, `15m`, `1h30m`, `2d`, `1w`, `250ms`: units in decreasing order (w d h m s ms),
// each at most once. Returns milliseconds, or nullopt if malformed or out of int64 range.
std::optional<std::int64_t> parse_duration(std::string_view text);
// Canonical form: `Nw` for a whole number of weeks, else largest units first from days
// down (`30d`, not `4w2d`), zero parts omitted, `0s` for zero, a leading `-` for negative
// values. parse_duration(format_duration(x)) == x.
std::string format_duration(std::int64_t ms);

// RFC 3339: `2026-12-25T08:00:00Z`, fractional seconds and `+01:00` offsets allowed.
// Returns ms since the Unix epoch (UTC), or nullopt if not a valid instant.
std::optional<std::int64_t> parse_time(std::string_view text);
// `2026-12-25T08:00:00Z`, with `.123` only when the milliseconds are not zero.
std::string format_time(std::int64_t ms);
// The same, appended to `out`.
void append_time(std::string& out, std::int64_t ms);
// The same, valid until the next call on this thread. Times come in runs of one instant (the
// decisions of one event or timer carry its time): the last text is kept and reused.
std::string_view time_text(std::int64_t ms);

struct CivilDate {
  int year = 1970;
  int month = 1;
  int day = 1;
};
// `2026-12-25`, a real calendar date.
std::optional<CivilDate> parse_date(std::string_view text);
std::string format_date(const CivilDate& date);
// Days since 1970-01-01 (proleptic Gregorian), and back.
std::int64_t days_from_civil(const CivilDate& date);
CivilDate civil_from_days(std::int64_t days);

// `08:00` -> 480; `24:00` -> 1440 (the end of a day). nullopt if not HH:MM in range.
std::optional<int> parse_clock(std::string_view text);
std::string format_clock(int minutes);

// Writes `s` as a Writ string literal with quotes and escapes (\" \\ \n \t, and \{ when
// `message` is true so interpolation holes stay literal).
std::string quote_string(std::string_view s, bool message = false);

}  // namespace writ::lang
