#pragma once
// The rule a zone keeps after the last transition its tzdata file lists: the file's footer,
// a POSIX TZ string such as "CET-1CEST,M3.5.0,M10.5.0/3" (RFC 8536, section 3.3). The
// date/tz library reads only the listed transitions, and Debian's files list them through
// 2037; BusinessCalendar goes on from there with this rule.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace writ::stdlib {

class PosixTzRule {
 public:
  // The rule in `text`, or nullopt when it is not a POSIX TZ string whose changes, if any,
  // use the `Mm.w.d` form (the form zic writes).
  static std::optional<PosixTzRule> parse(std::string_view text);
  // The footer of the TZif file at `path`, parsed; nullopt when the file has none.
  static std::optional<PosixTzRule> from_file(const std::string& path);

  // Seconds since the epoch: `offset` (seconds east of UTC) holds over [begin, end), which
  // contains the instant asked for.
  struct Period {
    std::int64_t begin;
    std::int64_t end;
    std::int64_t offset;
  };
  Period period_at(std::int64_t t) const;

 private:
  // Day `weekday` (0 is Sunday) of week `week` (5 is the last) of `month`, at `time`
  // seconds after that day's local midnight.
  struct Change {
    int month;
    int week;
    int weekday;
    std::int64_t time;
  };
  struct Parser;

  std::int64_t utc_of(std::int64_t year, const Change& change, std::int64_t offset) const;

  std::int64_t std_offset_ = 0;
  std::int64_t dst_offset_ = 0;
  std::optional<Change> dst_start_;  // both changes or neither
  std::optional<Change> dst_end_;
};

}  // namespace writ::stdlib
