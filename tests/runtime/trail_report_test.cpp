#include <catch2/catch.hpp>

#include "lang/literals.hpp"
#include "runtime/trail_report.hpp"

using writ::runtime::quarter_of;

TEST_CASE("trail report: the quarter of an instant is its UTC calendar quarter") {
  CHECK(quarter_of(*writ::lang::parse_time("2010-03-31T23:59:59.999Z")) == "2010-Q1");
  CHECK(quarter_of(*writ::lang::parse_time("2010-04-01T00:00:00Z")) == "2010-Q2");
  // Brussels has already reached April here; UTC has not.
  CHECK(quarter_of(*writ::lang::parse_time("2010-04-01T00:30:00+02:00")) == "2010-Q1");
  CHECK(quarter_of(*writ::lang::parse_time("2012-12-31T12:00:00Z")) == "2012-Q4");
  CHECK(quarter_of(*writ::lang::parse_time("1969-12-31T23:59:59Z")) == "1969-Q4");
}
