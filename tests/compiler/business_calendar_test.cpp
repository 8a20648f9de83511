#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <date/tz.h>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "lang/literals.hpp"
#include "stdlib/business_calendar.hpp"

using writ::stdlib::BusinessCalendar;
using writ::stdlib::CalendarSpec;
using writ::stdlib::ClosedRange;
using writ::stdlib::OpenInterval;

namespace {

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;
enum : int { Mon, Tue, Wed, Thu, Fri, Sat, Sun };

std::int64_t at(const char* rfc3339) {
  auto t = writ::lang::parse_time(rfc3339);
  REQUIRE(t);
  return *t;
}

std::int64_t day(const char* date) {
  auto d = writ::lang::parse_date(date);
  REQUIRE(d);
  return writ::lang::days_from_civil(*d);
}

int clock(const char* text) {
  auto m = writ::lang::parse_clock(text);
  REQUIRE(m);
  return *m;
}

struct SpecBuilder {
  CalendarSpec spec;

  explicit SpecBuilder(std::string zone) { spec.zone = std::move(zone); }
  SpecBuilder& open(int first, int last, const char* from, const char* to) {
    for (int d = first; d <= last; ++d) spec.open[static_cast<std::size_t>(d)].push_back({clock(from), clock(to)});
    return *this;
  }
  SpecBuilder& closed(const char* first, const char* last) {
    spec.closed.push_back({day(first), day(last)});
    return *this;
  }
  BusinessCalendar build() const { return make(spec); }

  static BusinessCalendar make(const CalendarSpec& spec) {
    auto made = BusinessCalendar::create(spec);
    if (auto* error = std::get_if<std::string>(&made)) FAIL(*error);
    return std::get<BusinessCalendar>(std::move(made));
  }
};

// The language reference's example calendar.
BusinessCalendar brussels_office() {
  return SpecBuilder("Europe/Brussels")
      .open(Mon, Fri, "08:00", "18:00")
      .open(Sat, Sat, "09:00", "12:00")
      .closed("2026-12-25", "2026-12-25")
      .closed("2026-12-26", "2026-12-26")
      .closed("2026-12-24", "2026-12-31")
      .build();
}

}  // namespace

TEST_CASE("business time skips nights and weekends", "[compiler][calendar]") {
  BusinessCalendar cal = brussels_office();
  // Winter: Brussels is UTC+1. Fri 2026-11-27 and Sat 2026-11-28.
  CHECK(cal.elapsed(at("2026-11-26T23:00:00Z"), at("2026-11-29T23:00:00Z")) == 13 * kHour);
  CHECK(cal.elapsed(at("2026-11-27T07:00:00Z"), at("2026-11-27T17:00:00Z")) == 10 * kHour);
  CHECK(cal.elapsed(at("2026-11-27T06:00:00Z"), at("2026-11-27T07:00:00Z")) == 0);
  CHECK(cal.elapsed(at("2026-11-27T16:59:59.999Z"), at("2026-11-27T18:00:00Z")) == 1);
  // Fri 17:30 plus 1h: 30m on Friday, 30m on Saturday morning.
  CHECK(cal.add(at("2026-11-27T16:30:00Z"), kHour) == at("2026-11-28T08:30:00Z"));
  // Started on Saturday afternoon, the clock runs from Monday's opening.
  CHECK(cal.add(at("2026-11-28T14:00:00Z"), kHour) == at("2026-11-30T08:00:00Z"));
  CHECK(cal.next_open(at("2026-11-28T14:00:00Z")) == at("2026-11-30T07:00:00Z"));
  CHECK(cal.next_open(at("2026-11-30T07:30:00Z")) == at("2026-11-30T07:30:00Z"));
  CHECK(cal.is_open(at("2026-11-28T08:00:00Z")));
  CHECK_FALSE(cal.is_open(at("2026-11-28T11:00:00Z")));
}

TEST_CASE("closed days and ranges of them are never open", "[compiler][calendar]") {
  BusinessCalendar cal = brussels_office();
  // Mon 2026-12-21 to Mon 2026-12-28: Monday to Wednesday only.
  CHECK(cal.elapsed(at("2026-12-20T23:00:00Z"), at("2026-12-27T23:00:00Z")) == 30 * kHour);
  // Sat 2026-12-19 to Sat 2027-01-02: 3h + 30h + New Year's Day (not closed here).
  CHECK(cal.elapsed(at("2026-12-18T23:00:00Z"), at("2027-01-01T23:00:00Z")) == 43 * kHour);
  // Wed 17:00 plus 2h: the second hour is on 2027-01-01.
  CHECK(cal.add(at("2026-12-23T16:00:00Z"), 2 * kHour) == at("2027-01-01T08:00:00Z"));
  CHECK(cal.next_open(at("2026-12-24T10:00:00Z")) == at("2027-01-01T07:00:00Z"));
  CHECK_FALSE(cal.is_open(at("2026-12-28T10:00:00Z")));
}

TEST_CASE("a budget that runs out at closing time is due at closing time", "[compiler][calendar]") {
  BusinessCalendar cal = brussels_office();
  std::int64_t monday_8 = at("2026-11-30T07:00:00Z");
  CHECK(cal.add(monday_8, 10 * kHour) == at("2026-11-30T17:00:00Z"));
  CHECK(cal.add(monday_8, 10 * kHour + 1) == at("2026-12-01T07:00:00.001Z"));
  // `within 0s` is due at its start, open or not; a negative budget likewise.
  std::int64_t sunday = at("2026-11-29T12:00:00Z");
  CHECK(cal.add(sunday, 0) == sunday);
  CHECK(cal.add(sunday, -kHour) == sunday);
  CHECK(cal.add(sunday, 1) == at("2026-11-30T07:00:00.001Z"));
  // Measured from a closed instant, the round trip lands on the last closing.
  std::int64_t friday_evening = at("2026-12-04T20:00:00Z");
  CHECK(cal.add(monday_8, cal.elapsed(monday_8, friday_evening)) == at("2026-12-04T17:00:00Z"));
}

TEST_CASE("overlapping and touching open lines form their union", "[compiler][calendar]") {
  BusinessCalendar cal = SpecBuilder("UTC")
                             .open(Mon, Mon, "08:00", "12:00")
                             .open(Mon, Mon, "12:00", "14:00")
                             .open(Mon, Mon, "10:00", "13:00")
                             .open(Mon, Mon, "16:00", "17:00")
                             .open(Mon, Mon, "16:30", "16:45")
                             .build();
  // Mon 2026-11-30: 08:00-14:00 and 16:00-17:00.
  CHECK(cal.elapsed(at("2026-11-30T00:00:00Z"), at("2026-12-01T00:00:00Z")) == 7 * kHour);
  CHECK(cal.add(at("2026-11-30T08:00:00Z"), 6 * kHour) == at("2026-11-30T14:00:00Z"));
  CHECK(cal.add(at("2026-11-30T08:00:00Z"), 6 * kHour + 1) == at("2026-11-30T16:00:00.001Z"));
  CHECK(cal.next_open(at("2026-11-30T14:00:00Z")) == at("2026-11-30T16:00:00Z"));
  CHECK(cal.is_open(at("2026-11-30T13:59:59.999Z")));
  CHECK_FALSE(cal.is_open(at("2026-11-30T14:00:00Z")));
  // A week later, the same.
  CHECK(cal.elapsed(at("2026-11-30T00:00:00Z"), at("2026-12-07T00:00:00Z")) == 7 * kHour);
}

TEST_CASE("24:00 ends a day and touches the next day's 00:00", "[compiler][calendar]") {
  BusinessCalendar cal =
      SpecBuilder("Europe/Brussels").open(Fri, Fri, "20:00", "24:00").open(Sat, Sat, "00:00", "02:00").build();
  // Fri 2026-11-27 20:00 to Sat 02:00 local (UTC+1).
  CHECK(cal.elapsed(at("2026-11-27T00:00:00Z"), at("2026-11-28T12:00:00Z")) == 6 * kHour);
  CHECK(cal.add(at("2026-11-27T22:00:00Z"), 2 * kHour) == at("2026-11-28T00:00:00Z"));
  CHECK(cal.is_open(at("2026-11-27T22:59:59.999Z")));
  CHECK(cal.is_open(at("2026-11-27T23:00:00Z")));
  CHECK_FALSE(cal.is_open(at("2026-11-28T01:00:00Z")));
}

TEST_CASE("Saturday half days count only their morning", "[compiler][calendar]") {
  BusinessCalendar cal = brussels_office();
  CHECK(cal.elapsed(at("2026-11-27T23:00:00Z"), at("2026-11-28T23:00:00Z")) == 3 * kHour);
  CHECK(cal.add(at("2026-11-28T08:00:00Z"), 3 * kHour) == at("2026-11-28T11:00:00Z"));
  CHECK(cal.add(at("2026-11-28T08:00:00Z"), 4 * kHour) == at("2026-11-30T08:00:00Z"));
}

TEST_CASE("Brussels spring forward: skipped wall-clock times are never open", "[compiler][calendar]") {
  // 2026-03-29 (Sunday) 01:00Z: 02:00 CET becomes 03:00 CEST.
  auto on_sunday = [](const char* from, const char* to) {
    return SpecBuilder("Europe/Brussels").open(Sun, Sun, from, to).build();
  };
  std::int64_t day_start = at("2026-03-28T23:00:00Z");  // 00:00 CET
  std::int64_t day_end = at("2026-03-29T22:00:00Z");    // 24:00 CEST
  CHECK(on_sunday("00:00", "24:00").elapsed(day_start, day_end) == 23 * kHour);
  CHECK(on_sunday("08:00", "18:00").elapsed(day_start, day_end) == 10 * kHour);
  BusinessCalendar across = on_sunday("01:00", "04:00");
  CHECK(across.elapsed(day_start, day_end) == 2 * kHour);
  CHECK(across.add(day_start, 90 * kMinute) == at("2026-03-29T01:30:00Z"));  // 03:30 CEST
  CHECK(across.is_open(at("2026-03-29T00:59:59.999Z")));
  CHECK(across.is_open(at("2026-03-29T01:00:00Z")));
  // An opening inside the gap never happens: the next one is a week later.
  BusinessCalendar inside = on_sunday("02:15", "02:45");
  CHECK(inside.elapsed(day_start, day_end) == 0);
  CHECK(inside.next_open(day_start) == at("2026-04-05T00:15:00Z"));
  // Opening in the gap and closing after it: open from the gap's end.
  BusinessCalendar from_gap = on_sunday("02:30", "05:00");
  CHECK(from_gap.elapsed(day_start, day_end) == 2 * kHour);
  CHECK(from_gap.next_open(day_start) == at("2026-03-29T01:00:00Z"));
}

TEST_CASE("Brussels fall back: repeated wall-clock times are open twice", "[compiler][calendar]") {
  // 2026-10-25 (Sunday) 01:00Z: 03:00 CEST becomes 02:00 CET.
  auto on_sunday = [](const char* from, const char* to) {
    return SpecBuilder("Europe/Brussels").open(Sun, Sun, from, to).build();
  };
  std::int64_t day_start = at("2026-10-24T22:00:00Z");  // 00:00 CEST
  std::int64_t day_end = at("2026-10-25T23:00:00Z");    // 24:00 CET
  CHECK(on_sunday("00:00", "24:00").elapsed(day_start, day_end) == 25 * kHour);
  CHECK(on_sunday("08:00", "18:00").elapsed(day_start, day_end) == 10 * kHour);
  BusinessCalendar repeated = on_sunday("02:00", "03:00");
  CHECK(repeated.elapsed(day_start, day_end) == 2 * kHour);
  CHECK(repeated.add(day_start, 90 * kMinute) == at("2026-10-25T01:30:00Z"));
  BusinessCalendar half = on_sunday("02:30", "05:00");
  CHECK(half.elapsed(day_start, day_end) == 3 * kHour);
  CHECK(half.elapsed(at("2026-10-25T00:30:00Z"), at("2026-10-25T01:00:00Z")) == 30 * kMinute);
  CHECK_FALSE(half.is_open(at("2026-10-25T01:15:00Z")));  // 02:15 CET
  CHECK(half.next_open(at("2026-10-25T01:00:00Z")) == at("2026-10-25T01:30:00Z"));
  CHECK(half.add(at("2026-10-25T00:30:00Z"), 31 * kMinute) == at("2026-10-25T01:31:00Z"));
}

TEST_CASE("New York office hours across both 2026 DST changes", "[compiler][calendar]") {
  BusinessCalendar office = SpecBuilder("America/New_York").open(Mon, Fri, "09:00", "17:00").build();
  // Fri 2026-03-06 09:00 EST (14:00Z) to Mon 2026-03-09 10:00 EDT (14:00Z).
  CHECK(office.elapsed(at("2026-03-06T14:00:00Z"), at("2026-03-09T14:00:00Z")) == 9 * kHour);
  CHECK(office.add(at("2026-03-06T20:00:00Z"), 3 * kHour) == at("2026-03-09T14:00:00Z"));
  CHECK(office.elapsed(at("2026-03-09T00:00:00Z"), at("2026-03-10T00:00:00Z")) == 8 * kHour);
  CHECK(office.next_open(at("2026-11-01T12:00:00Z")) == at("2026-11-02T14:00:00Z"));  // 09:00 EST

  BusinessCalendar always = SpecBuilder("America/New_York").open(Mon, Sun, "00:00", "24:00").build();
  CHECK(always.elapsed(at("2026-03-08T05:00:00Z"), at("2026-03-09T04:00:00Z")) == 23 * kHour);
  CHECK(always.elapsed(at("2026-11-01T04:00:00Z"), at("2026-11-02T05:00:00Z")) == 25 * kHour);
}

TEST_CASE("DST goes on after the last change a zone file lists (2037)", "[compiler][calendar]") {
  BusinessCalendar sundays = SpecBuilder("Europe/Brussels").open(Sun, Sun, "00:00", "24:00").build();
  // Sun 2038-03-28 (23h) and Sun 2050-10-30 (25h).
  CHECK(sundays.elapsed(at("2038-03-27T23:00:00Z"), at("2038-03-28T22:00:00Z")) == 23 * kHour);
  CHECK(sundays.elapsed(at("2050-10-29T22:00:00Z"), at("2050-10-30T23:00:00Z")) == 25 * kHour);
  BusinessCalendar office = SpecBuilder("Europe/Brussels").open(Mon, Fri, "08:00", "18:00").build();
  CHECK(office.next_open(at("2040-07-01T12:00:00Z")) == at("2040-07-02T06:00:00Z"));  // 08:00 CEST
  BusinessCalendar new_york = SpecBuilder("America/New_York").open(Mon, Sun, "09:00", "17:00").build();
  // Sun 2045-03-12: 09:00 EDT is 13:00Z; a week before, 09:00 EST is 14:00Z.
  CHECK(new_york.next_open(at("2045-03-12T00:00:00Z")) == at("2045-03-12T13:00:00Z"));
  CHECK(new_york.next_open(at("2045-03-05T00:00:00Z")) == at("2045-03-05T14:00:00Z"));
}

TEST_CASE("a half-hour offset zone: Asia/Kolkata", "[compiler][calendar]") {
  BusinessCalendar cal = SpecBuilder("Asia/Kolkata").open(Mon, Fri, "09:00", "18:00").build();
  // Mon 2026-11-30: 09:00 IST is 03:30Z.
  CHECK(cal.elapsed(at("2026-11-30T00:00:00Z"), at("2026-12-01T00:00:00Z")) == 9 * kHour);
  CHECK(cal.next_open(at("2026-11-29T12:00:00Z")) == at("2026-11-30T03:30:00Z"));
  CHECK(cal.add(at("2026-11-30T12:00:00Z"), kHour) == at("2026-12-01T04:00:00Z"));
}

TEST_CASE("a 24x7 UTC calendar is the clock itself", "[compiler][calendar]") {
  BusinessCalendar always = SpecBuilder("UTC").open(Mon, Sun, "00:00", "24:00").build();
  std::mt19937_64 rng(20261126);
  std::uniform_int_distribution<std::int64_t> instant(at("1950-01-01T00:00:00Z"), at("2090-01-01T00:00:00Z"));
  std::uniform_int_distribution<std::int64_t> length(0, 20 * 365 * kDay);
  for (int i = 0; i < 2000; ++i) {
    std::int64_t from = instant(rng);
    std::int64_t d = length(rng);
    REQUIRE(always.elapsed(from, from + d) == d);
    REQUIRE(always.add(from, d) == from + d);
    REQUIRE(always.next_open(from) == from);
  }
  CHECK(always.elapsed(std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()) ==
        BusinessCalendar::kLatest - BusinessCalendar::kEarliest);
  CHECK_FALSE(always.is_open(std::numeric_limits<std::int64_t>::max()));
  CHECK_FALSE(always.is_open(BusinessCalendar::kEarliest - 1));
  CHECK(always.is_open(BusinessCalendar::kEarliest));
}

TEST_CASE("a calendar with no open hours reports never instead of searching forever", "[compiler][calendar]") {
  CalendarSpec spec;
  spec.zone = "Europe/Brussels";
  BusinessCalendar never = SpecBuilder::make(spec);
  std::int64_t t = at("2026-11-30T10:00:00Z");
  CHECK(never.elapsed(t, t + 1000 * kDay) == 0);
  CHECK(never.add(t, 1) == std::nullopt);
  CHECK(never.add(t, 0) == t);
  CHECK(never.next_open(t) == std::nullopt);
  CHECK_FALSE(never.is_open(t));
}

TEST_CASE("closed days spanning decades are skipped whole, up to the horizon", "[compiler][calendar]") {
  BusinessCalendar long_closure = SpecBuilder("Europe/Brussels")
                                      .open(Mon, Fri, "08:00", "18:00")
                                      .closed("2026-01-01", "2099-12-31")
                                      .build();
  std::int64_t t = at("2026-06-01T10:00:00Z");
  // Fri 2100-01-01 08:00 CET.
  CHECK(long_closure.next_open(t) == at("2100-01-01T07:00:00Z"));
  CHECK(long_closure.add(t, kHour) == at("2100-01-01T08:00:00Z"));
  CHECK(long_closure.elapsed(t, at("2100-01-02T00:00:00Z")) == 10 * kHour);

  BusinessCalendar beyond = SpecBuilder("Europe/Brussels")
                                .open(Mon, Fri, "08:00", "18:00")
                                .closed("2026-01-01", "2200-12-31")
                                .build();
  CHECK(beyond.add(t, kHour) == std::nullopt);
  CHECK(beyond.next_open(t) == std::nullopt);
  // Past the last counted instant nothing is ever open again.
  BusinessCalendar office = brussels_office();
  CHECK(office.add(std::numeric_limits<std::int64_t>::max(), 1) == std::nullopt);
  CHECK(office.add(BusinessCalendar::kLatest - kDay, 100 * kHour) == std::nullopt);
  CHECK(office.next_open(std::numeric_limits<std::int64_t>::min()) != std::nullopt);
}

TEST_CASE("unknown zones and malformed hours are errors, not crashes", "[compiler][calendar]") {
  CalendarSpec spec;
  spec.zone = "Europe/Brusels";
  auto made = BusinessCalendar::create(spec);
  REQUIRE(std::holds_alternative<std::string>(made));
  CHECK_THAT(std::get<std::string>(made), Catch::Contains("unknown time zone `Europe/Brusels`"));

  spec.zone = "../../etc/passwd";
  CHECK(std::holds_alternative<std::string>(BusinessCalendar::create(spec)));

  spec.zone = "UTC";
  spec.open[Tue].push_back({18 * 60, 8 * 60});
  made = BusinessCalendar::create(spec);
  REQUIRE(std::holds_alternative<std::string>(made));
  CHECK(std::get<std::string>(made) == "open hours 18:00..08:00 on Tuesday are empty or outside 00:00..24:00");
  spec.open[Tue] = {{0, 1441}};
  CHECK(std::holds_alternative<std::string>(BusinessCalendar::create(spec)));
}

TEST_CASE("the counted years are 0000 to 9999", "[compiler][calendar]") {
  using namespace std::chrono;
  CHECK(BusinessCalendar::kEarliest ==
        duration_cast<milliseconds>(date::sys_days(date::year(0) / 1 / 1).time_since_epoch()).count());
  CHECK(BusinessCalendar::kLatest ==
        duration_cast<milliseconds>(date::sys_days(date::year(10000) / 1 / 1).time_since_epoch()).count());
  CHECK(BusinessCalendar::kHorizon == 36525 * kDay);
}
