#pragma once
// Open-hours arithmetic on a business calendar: how much open time lies between two
// instants, and when a given amount of open time has run out. SLAs and measures `during` a
// calendar count only this time. docs/semantics.md ("Business calendars") is the contract.
//
// An instant is open when the wall clock of the calendar's zone, at that instant, shows a
// time inside the open hours of its weekday, on a date that is not closed. Everything
// follows from that one rule: open hours are wall-clock hours (08:00..18:00 is 10 real hours
// on a DST day unless the change falls inside it), wall-clock times skipped by a DST gap
// never occur and so are never open, and times repeated by a DST overlap are open both
// times they occur.
//
// Zone offsets come from the host's tzdata through date/tz, and past the last transition a
// zone file lists, from the rule in its footer (posix_tz_rule.hpp).
//
// Instants are int64 milliseconds since the Unix epoch (UTC), durations int64 ms. Results
// are exact to the millisecond. Cost: O(DST changes in the span) zone look-ups plus
// O(log closed ranges) per look-up; never per day or per minute.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "stdlib/calendar_spec.hpp"
#include "stdlib/posix_tz_rule.hpp"

namespace date {
class time_zone;
}

namespace writ::stdlib {

class BusinessCalendar {
 public:
  // Open time is counted only from 0000-01-01T00:00:00Z up to 10000-01-01T00:00:00Z:
  // instants outside are treated as these bounds.
  static constexpr std::int64_t kEarliest = -62'167'219'200'000;
  static constexpr std::int64_t kLatest = 253'402'300'800'000;
  // add() and next_open() look this far past their start, 100 years (36,525 days), before
  // they report that the calendar never gets there.
  static constexpr std::int64_t kHorizon = 36'525LL * 86'400'000;

  // The calendar, or why it cannot be built: an unknown zone (tzdata on this host has no
  // such zone), or open hours outside 00:00..24:00 or empty. Closed days outside the
  // counted years have no effect and are dropped.
  static std::variant<BusinessCalendar, std::string> create(const CalendarSpec& spec);

  const std::string& zone() const { return zone_name_; }

  // Whether the instant `t` is open.
  bool is_open(std::int64_t t) const;

  // Open time in [from, to); 0 when to <= from.
  std::int64_t elapsed(std::int64_t from, std::int64_t to) const;

  // The earliest instant t >= from with elapsed(from, t) >= duration: when an SLA of
  // `duration` started at `from` runs out. A duration <= 0 gives `from` itself, open or not
  // (`within 0s` is due at its start); otherwise the result is the end of the last open
  // millisecond needed, so a budget that runs out at closing time is due at closing time,
  // and add(from, elapsed(from, to)) <= to. nullopt when the result would be later than
  // from + kHorizon or kLatest: the calendar never gets there (it has no open hours, or
  // closed days cover the horizon).
  std::optional<std::int64_t> add(std::int64_t from, std::int64_t duration) const;

  // The first open instant at or after t (t itself when open); nullopt when there is none
  // within kHorizon.
  std::optional<std::int64_t> next_open(std::int64_t t) const;

 private:
  // Merged open intervals of one weekday, in ms after local midnight.
  struct Span {
    std::int64_t begin;
    std::int64_t end;
  };
  // Merged closed days, with the open time their earlier runs removed (see closed_before).
  struct ClosedRun {
    std::int64_t first_day;
    std::int64_t last_day;
    std::int64_t open_before;
  };
  // Instants [begin, end) share one UTC offset: their local time is t + offset.
  struct OffsetPeriod {
    std::int64_t begin;
    std::int64_t end;
    std::int64_t offset;
  };

  BusinessCalendar() = default;
  std::optional<std::string> set_week(const std::array<std::vector<OpenInterval>, 7>& open);
  static std::vector<Span> union_of(std::vector<Span> spans);
  void set_closed(std::vector<ClosedRange> ranges);

  OffsetPeriod period_at(std::int64_t t) const;
  std::int64_t open_within_day(int weekday, std::int64_t ms) const;
  std::int64_t weekly_open_before(std::int64_t local) const;
  std::int64_t closed_before(std::int64_t local) const;
  std::int64_t open_before(std::int64_t local) const;
  std::int64_t first_local_reaching(std::int64_t target, std::int64_t low, std::int64_t high) const;

  std::string zone_name_;
  const date::time_zone* zone_ = nullptr;
  // The zone file's footer rule, used from rule_from_ (seconds), the last listed change.
  std::optional<PosixTzRule> rule_;
  std::int64_t rule_from_ = 0;
  std::array<std::vector<Span>, 7> week_;
  std::array<std::int64_t, 8> week_prefix_{};  // open ms of the weekdays before each; [7] is the week
  std::vector<ClosedRun> closed_;
  std::int64_t closed_total_ = 0;  // open ms removed by all closed runs
};

}  // namespace writ::stdlib
