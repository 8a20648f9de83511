#include "stdlib/posix_tz_rule.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <date/date.h>
#include <fstream>
#include <iterator>
#include <limits>
#include <utility>

namespace writ::stdlib {

namespace {

constexpr std::int64_t kHour = 3600;
constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::max();

bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

// A recursive-descent reader of the TZ grammar; each step returns false on a mismatch.
struct PosixTzRule::Parser {
  std::string_view text;
  std::size_t pos = 0;

  bool done() const { return pos == text.size(); }
  bool eat(char c) {
    if (done() || text[pos] != c) return false;
    ++pos;
    return true;
  }

  // `CET`, or `<+0330>` for a name that is not all letters.
  bool name() {
    if (eat('<')) {
      std::size_t close = text.find('>', pos);
      if (close == std::string_view::npos) return false;
      pos = close + 1;
      return true;
    }
    std::size_t start = pos;
    while (!done() && is_alpha(text[pos])) ++pos;
    return pos - start >= 3;
  }

  bool number(std::int64_t max, std::int64_t& out) {
    std::size_t start = pos;
    out = 0;
    while (!done() && is_digit(text[pos]) && pos - start < 3) out = out * 10 + (text[pos++] - '0');
    return pos > start && out <= max;
  }

  // [+-]hh[:mm[:ss]] in seconds, hours at most `max_hours`.
  bool duration(std::int64_t max_hours, std::int64_t& out) {
    std::int64_t sign = 1;
    if (eat('-')) {
      sign = -1;
    } else {
      eat('+');
    }
    std::int64_t hours = 0, minutes = 0, seconds = 0;
    if (!number(max_hours, hours)) return false;
    if (eat(':') && (!number(59, minutes) || (eat(':') && !number(59, seconds)))) return false;
    out = sign * (hours * kHour + minutes * 60 + seconds);
    return true;
  }

  // Mm.w.d[/time]; the time defaults to 02:00.
  bool change(Change& out) {
    std::int64_t month = 0, week = 0, weekday = 0;
    if (!eat('M') || !number(12, month) || month < 1 || !eat('.') || !number(5, week) || week < 1 || !eat('.') ||
        !number(6, weekday)) {
      return false;
    }
    out = {static_cast<int>(month), static_cast<int>(week), static_cast<int>(weekday), 2 * kHour};
    return !eat('/') || duration(167, out.time);
  }
};

std::optional<PosixTzRule> PosixTzRule::parse(std::string_view text) {
  Parser p{text};
  PosixTzRule rule;
  // POSIX counts offsets west of Greenwich: CET-1 is an hour east.
  if (!p.name() || !p.duration(24, rule.std_offset_)) return std::nullopt;
  rule.std_offset_ = -rule.std_offset_;
  rule.dst_offset_ = rule.std_offset_;
  if (p.done()) return rule;
  if (!p.name()) return std::nullopt;
  if (p.eat(',')) {
    rule.dst_offset_ = rule.std_offset_ + kHour;
  } else {
    if (!p.duration(24, rule.dst_offset_) || !p.eat(',')) return std::nullopt;
    rule.dst_offset_ = -rule.dst_offset_;
  }
  Change start{}, end{};
  if (!p.change(start) || !p.eat(',') || !p.change(end) || !p.done()) return std::nullopt;
  rule.dst_start_ = start;
  rule.dst_end_ = end;
  return rule;
}

std::optional<PosixTzRule> PosixTzRule::from_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Version 2+ files end with "\n<TZ string>\n".
  if (bytes.size() < 2 || bytes.back() != '\n') return std::nullopt;
  std::size_t open = bytes.rfind('\n', bytes.size() - 2);
  if (open == std::string::npos) return std::nullopt;
  return parse(std::string_view(bytes).substr(open + 1, bytes.size() - open - 2));
}

std::int64_t PosixTzRule::utc_of(std::int64_t year, const Change& change, std::int64_t offset) const {
  date::year_month month{date::year{static_cast<int>(year)}, date::month{static_cast<unsigned>(change.month)}};
  date::weekday weekday{static_cast<unsigned>(change.weekday)};
  date::sys_days day = change.week == 5 ? date::sys_days(month / weekday[date::last])
                                        : date::sys_days(month / weekday[static_cast<unsigned>(change.week)]);
  return static_cast<std::int64_t>(day.time_since_epoch().count()) * 24 * kHour + change.time - offset;
}

PosixTzRule::Period PosixTzRule::period_at(std::int64_t t) const {
  if (!dst_start_) return {std::numeric_limits<std::int64_t>::min(), kNever, std_offset_};
  auto days = date::floor<date::days>(date::sys_seconds(std::chrono::seconds(t)));
  std::int64_t year = static_cast<int>(date::year_month_day(days).year());
  // A change's local time is read on the clock in force before it: standard time before
  // DST starts, DST before it ends. Changes are listed in the order of their years, so
  // where two coincide (DST all year) the later one is the one in force.
  std::array<std::pair<std::int64_t, std::int64_t>, 6> changes{};
  for (std::int64_t i = 0; i < 3; ++i) {
    changes[static_cast<std::size_t>(2 * i)] = {utc_of(year - 1 + i, *dst_start_, std_offset_), dst_offset_};
    changes[static_cast<std::size_t>(2 * i + 1)] = {utc_of(year - 1 + i, *dst_end_, dst_offset_), std_offset_};
  }
  std::stable_sort(changes.begin(), changes.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  auto next = std::upper_bound(changes.begin(), changes.end(), t,
                               [](std::int64_t value, const auto& c) { return value < c.first; });
  std::int64_t end = next == changes.end() ? kNever : next->first;
  if (next == changes.begin()) return {std::numeric_limits<std::int64_t>::min(), end, std_offset_};
  return {std::prev(next)->first, end, std::prev(next)->second};
}

}  // namespace writ::stdlib
