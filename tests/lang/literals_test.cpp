#include <catch2/catch.hpp>

#include "lang/literals.hpp"

using namespace writ::lang;

TEST_CASE("durations parse in decreasing units", "[lang]") {
  CHECK(parse_duration("30s") == 30'000);
  CHECK(parse_duration("15m") == 15 * 60'000);
  CHECK(parse_duration("1h30m") == 90 * 60'000);
  CHECK(parse_duration("250ms") == 250);
  CHECK(parse_duration("1w") == 7 * 86'400'000LL);
  CHECK(parse_duration("2d") == 2 * 86'400'000LL);
  CHECK(parse_duration("1_000s") == 1'000'000);
  CHECK_FALSE(parse_duration("30m1h"));
  CHECK_FALSE(parse_duration("1h1h"));
  CHECK_FALSE(parse_duration("h"));
  CHECK_FALSE(parse_duration("99999999999999999999w"));
  CHECK_FALSE(parse_duration("2000000000000w"));
}

TEST_CASE("durations print canonically and round-trip", "[lang]") {
  CHECK(format_duration(0) == "0s");
  CHECK(format_duration(90 * 60'000) == "1h30m");
  CHECK(format_duration(12'000) == "12s");
  // Weeks only when whole: periods in days read as written.
  CHECK(format_duration(86'400'000LL * 9) == "9d");
  CHECK(format_duration(86'400'000LL * 14) == "2w");
  CHECK(format_duration(86'400'000LL * 365) == "365d");
  CHECK(format_duration(86'400'000LL * 7 + 3'600'000) == "7d1h");
  CHECK(format_duration(-86'400'000LL * 21) == "-3w");
  CHECK(format_duration(-1500) == "-1s500ms");
  for (std::int64_t ms : {1LL, 999LL, 61'001LL, 3'600'000LL * 49, 9'000'000'000'000LL, 604'800'000LL * 3,
                          9'223'372'036'854'775'807LL}) {
    CHECK(parse_duration(format_duration(ms)) == ms);
  }
}

TEST_CASE("RFC 3339 times", "[lang]") {
  CHECK(parse_time("1970-01-01T00:00:00Z") == 0);
  CHECK(parse_time("2026-12-25T08:00:00Z") == 1'798'185'600'000LL);
  CHECK(parse_time("2026-12-25T09:00:00+01:00") == 1'798'185'600'000LL);
  CHECK(parse_time("2026-12-25T08:00:00.5Z") == 1'798'185'600'500LL);
  CHECK_FALSE(parse_time("2026-02-30T08:00:00Z"));
  CHECK_FALSE(parse_time("2026-12-25T24:00:00Z"));
  CHECK_FALSE(parse_time("2026-12-25T08:00:00"));
  CHECK(format_time(1'798'185'600'000LL) == "2026-12-25T08:00:00Z");
  CHECK(format_time(1'798'185'600'500LL) == "2026-12-25T08:00:00.500Z");
  CHECK(format_time(-1) == "1969-12-31T23:59:59.999Z");
  CHECK(parse_time(format_time(-1)) == -1);
}

// append_time keeps the last text it wrote: a time printed again, or in turn with others,
// must still print as itself.
TEST_CASE("times printed again and in turn keep their texts", "[lang]") {
  std::string out;
  for (std::int64_t ms : {1'798'185'600'000LL, 1'798'185'600'000LL, 1'798'185'600'500LL, 1'798'185'600'000LL, -1LL, 0LL}) {
    append_time(out, ms);
    out += ' ';
  }
  CHECK(out == "2026-12-25T08:00:00Z 2026-12-25T08:00:00Z 2026-12-25T08:00:00.500Z 2026-12-25T08:00:00Z "
               "1969-12-31T23:59:59.999Z 1970-01-01T00:00:00Z ");
}

TEST_CASE("dates and clock times", "[lang]") {
  CHECK(parse_date("2024-02-29"));
  CHECK_FALSE(parse_date("2026-02-29"));
  CHECK_FALSE(parse_date("2026-13-01"));
  CHECK(days_from_civil({1970, 1, 1}) == 0);
  CHECK(format_date(civil_from_days(days_from_civil({2026, 12, 25}))) == "2026-12-25");
  CHECK(parse_clock("08:00") == 480);
  CHECK(parse_clock("24:00") == 1440);
  CHECK_FALSE(parse_clock("24:01"));
  CHECK_FALSE(parse_clock("8:00"));
  CHECK(format_clock(1080) == "18:00");
}

TEST_CASE("string quoting", "[lang]") {
  CHECK(quote_string("a\"b\\c\n") == R"("a\"b\\c\n")");
  CHECK(quote_string("{x}") == R"("{x}")");
  CHECK(quote_string("{x}", true) == R"("\{x}")");
}
