#include "stdlib/business_calendar.hpp"

#include <algorithm>
#include <chrono>
#include <date/tz.h>
#include <exception>
#include <fmt/format.h>

// The arithmetic works in local time, "local" being ms since 1970-01-01T00:00 on the
// zone's wall clock. open_before(local) counts the open ms of the local time line up to
// `local` (from a fixed Monday), so the open time of a stretch of wall-clock time is a
// difference of two counts, whatever its length. A UTC span maps to wall-clock time piece
// by piece: within one offset period (between two DST changes) local = t + offset, so
// elapsed() sums one difference per period, and add() inverts the count in the period
// where the budget runs out.

namespace writ::stdlib {

namespace {

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kDay = 86'400'000;
constexpr int kMinutesPerDay = 1440;
// 1969-12-29, a Monday: the origin of open_before's count.
constexpr std::int64_t kFirstMonday = -3;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

std::int64_t clamp_instant(std::int64_t t) {
  return std::clamp(t, BusinessCalendar::kEarliest, BusinessCalendar::kLatest);
}

// Monday is 0.
int weekday_of(std::int64_t day) { return static_cast<int>(day - kFirstMonday - 7 * floor_div(day - kFirstMonday, 7)); }

const char* weekday_name(int weekday) {
  static const char* const names[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  return names[weekday];
}

std::string clock_text(int minute) { return fmt::format("{:02}:{:02}", minute / 60, minute % 60); }

// The folder libdate-tz (built with USE_OS_TZDB) reads its zones from.
constexpr const char* kZoneinfo = "/usr/share/zoneinfo/";

std::int64_t seconds_of(date::sys_seconds s) { return static_cast<std::int64_t>(s.time_since_epoch().count()); }

std::int64_t seconds_to_instant(std::int64_t s) {
  return std::clamp(s, BusinessCalendar::kEarliest / 1000, BusinessCalendar::kLatest / 1000) * 1000;
}

}  // namespace

std::variant<BusinessCalendar, std::string> BusinessCalendar::create(const CalendarSpec& spec) {
  BusinessCalendar cal;
  cal.zone_name_ = spec.zone;
  try {
    cal.zone_ = date::locate_zone(spec.zone);
  } catch (const std::exception& e) {
    return fmt::format("unknown time zone `{}`: the tzdata of this host has no such zone ({})", spec.zone, e.what());
  }
  // date/tz knows only the transitions the file lists; its footer rule goes on from the
  // last one.
  cal.rule_ = PosixTzRule::from_file(kZoneinfo + spec.zone);
  cal.rule_from_ = seconds_of(cal.zone_->get_info(date::sys_seconds(std::chrono::seconds(kLatest / 1000))).begin);
  if (auto error = cal.set_week(spec.open)) return *error;
  cal.set_closed(spec.closed);
  return cal;
}

std::optional<std::string> BusinessCalendar::set_week(const std::array<std::vector<OpenInterval>, 7>& open) {
  for (int wd = 0; wd < 7; ++wd) {
    std::vector<Span> spans;
    for (const OpenInterval& o : open[static_cast<std::size_t>(wd)]) {
      if (o.from_minute < 0 || o.to_minute > kMinutesPerDay || o.from_minute >= o.to_minute) {
        return fmt::format("open hours {}..{} on {} are empty or outside 00:00..24:00", clock_text(o.from_minute),
                           clock_text(o.to_minute), weekday_name(wd));
      }
      spans.push_back({o.from_minute * kMinute, o.to_minute * kMinute});
    }
    week_[static_cast<std::size_t>(wd)] = union_of(std::move(spans));
    week_prefix_[static_cast<std::size_t>(wd) + 1] = week_prefix_[static_cast<std::size_t>(wd)] + open_within_day(wd, kDay);
  }
  return std::nullopt;
}

std::vector<BusinessCalendar::Span> BusinessCalendar::union_of(std::vector<Span> spans) {
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
  std::vector<Span> merged;
  for (const Span& s : spans) {
    if (!merged.empty() && s.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, s.end);
    } else {
      merged.push_back(s);
    }
  }
  return merged;
}

// Merges the ranges into runs, dropping days outside the counted years (nothing is open
// there anyway), and adds up the open time each run takes away.
void BusinessCalendar::set_closed(std::vector<ClosedRange> ranges) {
  for (ClosedRange& r : ranges) {
    r.first_day = std::max(r.first_day, floor_div(kEarliest, kDay));
    r.last_day = std::min(r.last_day, floor_div(kLatest, kDay));
  }
  std::erase_if(ranges, [](const ClosedRange& r) { return r.first_day > r.last_day; });
  std::sort(ranges.begin(), ranges.end(),
            [](const ClosedRange& a, const ClosedRange& b) { return a.first_day < b.first_day; });
  for (const ClosedRange& r : ranges) {
    if (!closed_.empty() && r.first_day <= closed_.back().last_day + 1) {
      closed_.back().last_day = std::max(closed_.back().last_day, r.last_day);
    } else {
      closed_.push_back({r.first_day, r.last_day, 0});
    }
  }
  for (ClosedRun& run : closed_) {
    run.open_before = closed_total_;
    closed_total_ += weekly_open_before((run.last_day + 1) * kDay) - weekly_open_before(run.first_day * kDay);
  }
}

BusinessCalendar::OffsetPeriod BusinessCalendar::period_at(std::int64_t t) const {
  std::int64_t s = floor_div(t, 1000);
  if (rule_ && s >= rule_from_) {
    PosixTzRule::Period p = rule_->period_at(s);
    return {seconds_to_instant(std::max(p.begin, rule_from_)), seconds_to_instant(p.end), p.offset * 1000};
  }
  date::sys_info info = zone_->get_info(date::sys_seconds(std::chrono::seconds(s)));
  return {seconds_to_instant(seconds_of(info.begin)), seconds_to_instant(seconds_of(info.end)),
          static_cast<std::int64_t>(info.offset.count()) * 1000};
}

std::int64_t BusinessCalendar::open_within_day(int weekday, std::int64_t ms) const {
  std::int64_t total = 0;
  for (const Span& s : week_[static_cast<std::size_t>(weekday)]) {
    if (s.begin >= ms) break;
    total += std::min(s.end, ms) - s.begin;
  }
  return total;
}

// Open ms from the origin Monday to `local`, as if no day were closed.
std::int64_t BusinessCalendar::weekly_open_before(std::int64_t local) const {
  std::int64_t day = floor_div(local, kDay);
  std::int64_t weeks = floor_div(day - kFirstMonday, 7);
  int weekday = weekday_of(day);
  return weeks * week_prefix_[7] + week_prefix_[static_cast<std::size_t>(weekday)] +
         open_within_day(weekday, local - day * kDay);
}

// The part of weekly_open_before(local) that falls on closed days.
std::int64_t BusinessCalendar::closed_before(std::int64_t local) const {
  std::int64_t day = floor_div(local, kDay);
  auto run = std::lower_bound(closed_.begin(), closed_.end(), day,
                              [](const ClosedRun& r, std::int64_t d) { return r.last_day < d; });
  if (run == closed_.end()) return closed_total_;
  std::int64_t removed = run->open_before;
  if (run->first_day <= day) removed += weekly_open_before(local) - weekly_open_before(run->first_day * kDay);
  return removed;
}

std::int64_t BusinessCalendar::open_before(std::int64_t local) const {
  return weekly_open_before(local) - closed_before(local);
}

// The smallest local time L in (low, high] with open_before(L) >= target, given
// open_before(low) < target <= open_before(high): a binary search over days, then a walk
// through that day's intervals.
std::int64_t BusinessCalendar::first_local_reaching(std::int64_t target, std::int64_t low, std::int64_t high) const {
  std::int64_t below = floor_div(low, kDay);       // open_before(below day) < target
  std::int64_t above = floor_div(high, kDay) + 1;  // open_before(above day) >= target
  while (above - below > 1) {
    std::int64_t mid = below + (above - below) / 2;
    if (open_before(mid * kDay) < target) {
      below = mid;
    } else {
      above = mid;
    }
  }
  // The budget runs out on day `below`: that day is not closed and has enough open hours.
  std::int64_t remaining = target - open_before(below * kDay);
  std::int64_t local = below * kDay;
  for (const Span& s : week_[static_cast<std::size_t>(weekday_of(below))]) {
    local = below * kDay + s.begin + std::min(remaining, s.end - s.begin);
    remaining -= s.end - s.begin;
    if (remaining <= 0) break;
  }
  return local;
}

bool BusinessCalendar::is_open(std::int64_t t) const {
  if (t < kEarliest || t >= kLatest) return false;
  std::int64_t local = t + period_at(t).offset;
  return open_before(local + 1) > open_before(local);
}

std::int64_t BusinessCalendar::elapsed(std::int64_t from, std::int64_t to) const {
  from = clamp_instant(from);
  to = clamp_instant(to);
  std::int64_t total = 0;
  while (from < to) {
    OffsetPeriod p = period_at(from);
    std::int64_t end = std::min(p.end, to);
    total += open_before(end + p.offset) - open_before(from + p.offset);
    from = end;
  }
  return total;
}

std::optional<std::int64_t> BusinessCalendar::add(std::int64_t from, std::int64_t duration) const {
  if (duration <= 0) return from;
  if (week_prefix_[7] == 0) return std::nullopt;
  std::int64_t limit = from > kLatest - kHorizon ? kLatest : std::max(from, kEarliest) + kHorizon;
  std::int64_t t = clamp_instant(from);
  std::int64_t remaining = duration;
  while (t < limit) {
    OffsetPeriod p = period_at(t);
    std::int64_t end = std::min(p.end, limit);
    std::int64_t start_count = open_before(t + p.offset);
    std::int64_t available = open_before(end + p.offset) - start_count;
    if (available >= remaining) {
      return first_local_reaching(start_count + remaining, t + p.offset, end + p.offset) - p.offset;
    }
    remaining -= available;
    t = end;
  }
  return std::nullopt;
}

std::optional<std::int64_t> BusinessCalendar::next_open(std::int64_t t) const {
  // The first open millisecond [u, u + 1) at or after t is the one add(t, 1ms) ends.
  std::optional<std::int64_t> end = add(t, 1);
  if (!end) return std::nullopt;
  return *end - 1;
}

}  // namespace writ::stdlib
