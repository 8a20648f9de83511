// BusinessCalendar against a brute-force reference on seeded random calendars and instants,
// and the laws its operations must obey whatever the calendar.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <date/tz.h>
#include <random>
#include <string>
#include <vector>

#include "stdlib/business_calendar.hpp"

using writ::stdlib::BusinessCalendar;
using writ::stdlib::CalendarSpec;

namespace {

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kDay = 1440 * kMinute;
// 1995-01-01 to 2037-01-01: every zone's offsets are whole minutes here.
constexpr std::int64_t kWindowBegin = 788'918'400'000;
constexpr std::int64_t kWindowEnd = 2'114'380'800'000;

// Zones with the awkward cases: DST of 30 minutes (Lord_Howe) or 2 hours (Troll), changes
// at local midnight (Sao_Paulo until 2019), a skipped date (Apia, 2011-12-30), offsets of
// :30 and :45, negative DST (Dublin), many changes a year (Casablanca).
const std::vector<std::string> kZones = {
    "UTC",           "Europe/Brussels",   "America/New_York", "Asia/Kolkata",        "Australia/Lord_Howe",
    "Antarctica/Troll", "America/Sao_Paulo", "Pacific/Apia",   "Asia/Kathmandu",      "America/St_Johns",
    "Pacific/Chatham",  "Europe/Dublin",     "Africa/Casablanca", "Australia/Adelaide", "America/Santiago",
};

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// Steps minute by minute through UTC, reading each minute's wall clock from the zone and
// the calendar from the spec as written (overlaps unmerged, ranges unsorted).
class Reference {
 public:
  explicit Reference(const CalendarSpec& spec) : spec_(spec), zone_(date::locate_zone(spec.zone)) {}

  bool open_minute(std::int64_t minute_start) {
    std::int64_t local = minute_start + offset(minute_start);
    std::int64_t day = floor_div(local, kDay);
    std::int64_t minute = (local - day * kDay) / kMinute;
    for (const auto& c : spec_.closed) {
      if (c.first_day <= day && day <= c.last_day) return false;
    }
    std::size_t weekday = static_cast<std::size_t>(((day % 7) + 7 + 3) % 7);  // 1970-01-01 was a Thursday
    for (const auto& o : spec_.open[weekday]) {
      if (o.from_minute <= minute && minute < o.to_minute) return true;
    }
    return false;
  }

  std::int64_t elapsed(std::int64_t from, std::int64_t to) {
    std::int64_t total = 0;
    for (std::int64_t m = floor_div(from, kMinute) * kMinute; m < to; m += kMinute) {
      std::int64_t overlap = std::min(m + kMinute, to) - std::max(m, from);
      if (open_minute(m)) total += overlap;
    }
    return total;
  }

 private:
  std::int64_t offset(std::int64_t t) {
    date::sys_seconds s{std::chrono::seconds(floor_div(t, 1000))};
    if (!cached_ || s < info_.begin || s >= info_.end) {
      info_ = zone_->get_info(s);
      cached_ = true;
    }
    return static_cast<std::int64_t>(info_.offset.count()) * 1000;
  }

  const CalendarSpec& spec_;
  const date::time_zone* zone_;
  date::sys_info info_{};
  bool cached_ = false;
};

class Generator {
 public:
  explicit Generator(std::uint64_t seed) : rng_(seed) {}

  std::int64_t uniform(std::int64_t low, std::int64_t high) {
    return std::uniform_int_distribution<std::int64_t>(low, high)(rng_);
  }
  bool chance(int percent) { return uniform(1, 100) <= percent; }

  int clock_minute() {
    if (chance(30)) return static_cast<int>(uniform(0, 24)) * 60;
    return static_cast<int>(uniform(0, 1440));
  }

  CalendarSpec calendar() {
    CalendarSpec spec;
    spec.zone = kZones[static_cast<std::size_t>(uniform(0, static_cast<std::int64_t>(kZones.size()) - 1))];
    for (auto& day : spec.open) {
      if (chance(25)) continue;
      std::int64_t lines = uniform(1, 3);
      for (std::int64_t i = 0; i < lines; ++i) {
        int a = clock_minute(), b = clock_minute();
        if (a == b) b = a == 1440 ? 0 : 1440;
        day.push_back({std::min(a, b), std::max(a, b)});
      }
    }
    // Closed ranges crowd around one day, so they overlap, touch and fall in the tested spans.
    focus_ = uniform(kWindowBegin, kWindowEnd - 120 * kDay);
    std::int64_t ranges = uniform(0, 8);
    for (std::int64_t i = 0; i < ranges; ++i) {
      std::int64_t first = focus_ / kDay + uniform(-40, 40);
      std::int64_t length = chance(60) ? 0 : chance(85) ? uniform(1, 14) : uniform(15, 400);
      spec.closed.push_back({first, first + length});
    }
    return spec;
  }

  // A third of the instants fall within three days of one of the zone's offset changes, a
  // third among the closed days.
  std::int64_t instant(const std::string& zone) {
    std::int64_t t = uniform(kWindowBegin, kWindowEnd - 60 * kDay);
    if (chance(50)) {
      t = focus_ + uniform(-50 * kDay, 50 * kDay);
    } else if (chance(66)) {
      date::sys_info info = date::locate_zone(zone)->get_info(date::sys_seconds(std::chrono::seconds(t / 1000)));
      std::int64_t change = static_cast<std::int64_t>(info.end.time_since_epoch().count()) * 1000;
      if (change < kWindowEnd - 60 * kDay) t = change + uniform(-3 * kDay, 3 * kDay);
    }
    return chance(30) ? t - t % kMinute : t;
  }

  std::int64_t span(std::int64_t max) { return chance(10) ? uniform(0, kMinute) : uniform(0, max); }

 private:
  std::mt19937_64 rng_;
  std::int64_t focus_ = kWindowBegin;
};

BusinessCalendar build(const CalendarSpec& spec) {
  auto made = BusinessCalendar::create(spec);
  if (auto* error = std::get_if<std::string>(&made)) FAIL(*error);
  return std::get<BusinessCalendar>(std::move(made));
}

std::string describe(const CalendarSpec& spec) {
  std::string text = spec.zone + ":";
  for (std::size_t d = 0; d < 7; ++d) {
    text += " [" + std::to_string(d) + "]";
    for (const auto& o : spec.open[d]) text += " " + std::to_string(o.from_minute) + ".." + std::to_string(o.to_minute);
  }
  for (const auto& c : spec.closed) text += " closed " + std::to_string(c.first_day) + ".." + std::to_string(c.last_day);
  return text;
}

}  // namespace

TEST_CASE("elapsed and is_open agree with a minute-by-minute reference", "[compiler][calendar][property]") {
  Generator gen(1);
  for (int c = 0; c < 150; ++c) {
    CalendarSpec spec = gen.calendar();
    BusinessCalendar cal = build(spec);
    Reference ref(spec);
    INFO(describe(spec));
    for (int i = 0; i < 20; ++i) {
      std::int64_t from = gen.instant(spec.zone);
      std::int64_t to = from + gen.span(8 * kDay);
      INFO("from " << from << " to " << to);
      REQUIRE(cal.elapsed(from, to) == ref.elapsed(from, to));
      REQUIRE(cal.elapsed(to, from) == 0);
      REQUIRE(cal.is_open(from) == ref.open_minute(floor_div(from, kMinute) * kMinute));
    }
  }
}

TEST_CASE("add is the earliest instant at which elapsed reaches the budget", "[compiler][calendar][property]") {
  Generator gen(2);
  for (int c = 0; c < 150; ++c) {
    CalendarSpec spec = gen.calendar();
    BusinessCalendar cal = build(spec);
    Reference ref(spec);
    INFO(describe(spec));
    for (int i = 0; i < 20; ++i) {
      std::int64_t from = gen.instant(spec.zone);
      std::int64_t budget = gen.span(3 * kDay);
      INFO("from " << from << " budget " << budget);
      std::optional<std::int64_t> due = cal.add(from, budget);
      if (!due) {
        REQUIRE(cal.elapsed(from, from + BusinessCalendar::kHorizon) < budget);
        continue;
      }
      REQUIRE(*due >= from);
      REQUIRE(cal.elapsed(from, *due) == budget);
      if (budget > 0) {
        // The last millisecond before `due` is open and needed.
        REQUIRE(cal.is_open(*due - 1));
        REQUIRE(cal.elapsed(from, *due - 1) == budget - 1);
      } else {
        REQUIRE(*due == from);
      }
      if (*due - from <= 10 * kDay) REQUIRE(ref.elapsed(from, *due) == budget);
    }
  }
}

TEST_CASE("next_open is the first open instant", "[compiler][calendar][property]") {
  Generator gen(3);
  for (int c = 0; c < 150; ++c) {
    CalendarSpec spec = gen.calendar();
    BusinessCalendar cal = build(spec);
    INFO(describe(spec));
    for (int i = 0; i < 20; ++i) {
      std::int64_t t = gen.instant(spec.zone);
      INFO("t " << t);
      std::optional<std::int64_t> next = cal.next_open(t);
      if (!next) {
        REQUIRE(cal.elapsed(t, t + BusinessCalendar::kHorizon) == 0);
        continue;
      }
      REQUIRE(cal.is_open(*next));
      REQUIRE(cal.elapsed(t, *next) == 0);
      REQUIRE((*next == t) == cal.is_open(t));
    }
  }
}

TEST_CASE("elapsed is additive and monotonic over spans of years", "[compiler][calendar][property]") {
  Generator gen(4);
  for (int c = 0; c < 200; ++c) {
    CalendarSpec spec = gen.calendar();
    BusinessCalendar cal = build(spec);
    INFO(describe(spec));
    for (int i = 0; i < 20; ++i) {
      std::int64_t a = gen.uniform(0, 4'102'444'800'000);  // 1970 to 2100
      std::int64_t b = a + gen.span(30 * 365 * kDay);
      std::int64_t c2 = b + gen.span(30 * 365 * kDay);
      INFO("a " << a << " b " << b << " c " << c2);
      std::int64_t ab = cal.elapsed(a, b), bc = cal.elapsed(b, c2), ac = cal.elapsed(a, c2);
      REQUIRE(ac == ab + bc);
      REQUIRE(ab <= b - a);
      REQUIRE(bc <= c2 - b);
      REQUIRE(ab >= 0);
      REQUIRE(bc >= 0);
      std::optional<std::int64_t> to_b = cal.add(a, ab), to_c = cal.add(a, ac);
      REQUIRE(to_b);
      REQUIRE(to_c);
      REQUIRE(*to_b <= b);
      REQUIRE(*to_b <= *to_c);
      REQUIRE(*to_c <= c2);
      REQUIRE(cal.elapsed(a, *to_c) == ac);
    }
  }
}
