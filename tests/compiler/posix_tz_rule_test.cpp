#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <date/tz.h>
#include <string>

#include "lang/literals.hpp"
#include "stdlib/posix_tz_rule.hpp"

using writ::stdlib::PosixTzRule;

namespace {

std::int64_t seconds(const char* rfc3339) {
  auto t = writ::lang::parse_time(rfc3339);
  REQUIRE(t);
  return *t / 1000;
}

PosixTzRule rule(const char* text) {
  auto r = PosixTzRule::parse(text);
  if (!r) FAIL("not parsed: " << text);
  return *r;
}

std::int64_t seconds_of(date::sys_seconds s) { return static_cast<std::int64_t>(s.time_since_epoch().count()); }

}  // namespace

TEST_CASE("a footer rule gives Brussels its DST after 2037", "[compiler][calendar][tz]") {
  PosixTzRule cet = rule("CET-1CEST,M3.5.0,M10.5.0/3");
  // 2040: last Sundays 2040-03-25 (02:00 CET = 01:00Z) and 2040-10-28 (03:00 CEST = 01:00Z).
  PosixTzRule::Period summer = cet.period_at(seconds("2040-07-01T00:00:00Z"));
  CHECK(summer.offset == 7200);
  CHECK(summer.begin == seconds("2040-03-25T01:00:00Z"));
  CHECK(summer.end == seconds("2040-10-28T01:00:00Z"));
  PosixTzRule::Period winter = cet.period_at(seconds("2040-12-31T23:59:59Z"));
  CHECK(winter.offset == 3600);
  CHECK(winter.begin == seconds("2040-10-28T01:00:00Z"));
  CHECK(winter.end == seconds("2041-03-31T01:00:00Z"));
  CHECK(cet.period_at(seconds("2040-03-25T00:59:59Z")).offset == 3600);
  CHECK(cet.period_at(seconds("2040-03-25T01:00:00Z")).offset == 7200);
}

TEST_CASE("footer rules: southern and negative DST, odd offsets and times", "[compiler][calendar][tz]") {
  // Dublin: IST (+1) is standard time, GMT the "DST" of winter.
  PosixTzRule dublin = rule("IST-1GMT0,M10.5.0,M3.5.0/1");
  CHECK(dublin.period_at(seconds("2050-01-15T12:00:00Z")).offset == 0);
  CHECK(dublin.period_at(seconds("2050-07-15T12:00:00Z")).offset == 3600);
  // Lord Howe: half an hour of DST, in the southern summer.
  PosixTzRule lord_howe = rule("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0");
  CHECK(lord_howe.period_at(seconds("2050-01-15T12:00:00Z")).offset == 11 * 3600);
  CHECK(lord_howe.period_at(seconds("2050-07-15T12:00:00Z")).offset == 10 * 3600 + 1800);
  // Chatham's changes at 2:45 local; New York's DST offset left implicit (one hour).
  CHECK(rule("<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45").period_at(seconds("2050-01-01T00:00:00Z")).offset ==
        13 * 3600 + 45 * 60);
  PosixTzRule new_york = rule("EST5EDT,M3.2.0,M11.1.0");
  // 2045-03-12 02:00 EST is 07:00Z.
  CHECK(new_york.period_at(seconds("2045-03-12T06:59:59Z")).offset == -5 * 3600);
  CHECK(new_york.period_at(seconds("2045-03-12T07:00:00Z")).offset == -4 * 3600);
  // Gaza's Saturday changes are written as Thursday plus 50 hours.
  CHECK(rule("EET-2EEST,M3.4.4/50,M10.4.4/50").period_at(seconds("2050-07-01T00:00:00Z")).offset == 3 * 3600);
  // No DST at all.
  PosixTzRule kolkata = rule("IST-5:30");
  CHECK(kolkata.period_at(seconds("2090-01-01T00:00:00Z")).offset == 5 * 3600 + 1800);
}

TEST_CASE("what is not a POSIX TZ string with Mm.w.d rules is refused", "[compiler][calendar][tz]") {
  for (const char* bad : {"", "C-1", "CET", "CET-1CEST", "CET-1CEST,M3.5.0", "CET-1CEST,M13.5.0,M10.5.0",
                          "CET-1CEST,M3.6.0,M10.5.0", "CET-1CEST,M3.5.7,M10.5.0", "EST5EDT,0/0,J365/25",
                          "CET-1CEST,M3.5.0,M10.5.0/3x", "<+03-3", "CET-25"}) {
    INFO(bad);
    CHECK_FALSE(PosixTzRule::parse(bad));
  }
  CHECK_FALSE(PosixTzRule::from_file("/nonexistent/zone"));
}

// Every zone whose file lists its changes only up to 2038: the footer must give the very
// changes listed for 2026 to 2036.
TEST_CASE("every zone's footer agrees with its listed changes", "[compiler][calendar][tz]") {
  const std::int64_t from = seconds("2026-01-01T00:00:00Z");
  const std::int64_t to = seconds("2037-01-01T00:00:00Z");
  int compared = 0;
  for (const date::time_zone& zone : date::get_tzdb().zones) {
    INFO(zone.name());
    auto footer = PosixTzRule::from_file("/usr/share/zoneinfo/" + std::string(zone.name()));
    REQUIRE(footer);
    if (seconds_of(zone.get_info(date::sys_days(date::year(9000) / 1 / 1)).begin) > to + 2 * 366 * 86400) continue;
    ++compared;
    for (std::int64_t t = from; t < to; t += 86400 + 3607) {
      date::sys_info listed = zone.get_info(date::sys_seconds(std::chrono::seconds(t)));
      PosixTzRule::Period p = footer->period_at(t);
      INFO("t " << t);
      REQUIRE(p.offset == listed.offset.count());
      if (seconds_of(listed.end) < to) REQUIRE(p.end == seconds_of(listed.end));
    }
  }
  CHECK(compared > 300);
}
