#include <catch2/catch.hpp>

#include "lang/static_checks.hpp"

using namespace writ::lang::detail;

TEST_CASE("zones are TZif files inside the tzdata folder", "[lang]") {
  const char* dir = "/usr/share/zoneinfo";
  if (!zone_exists("UTC", dir)) {
    WARN("no tzdata at " << dir);
    return;
  }
  CHECK(zone_exists("Europe/Brussels", dir));
  CHECK(zone_exists("America/Argentina/Buenos_Aires", dir));
  CHECK_FALSE(zone_exists("Europe/Brusels", dir));
  CHECK_FALSE(zone_exists("Europe", dir));           // a folder
  CHECK_FALSE(zone_exists("zone.tab", dir));         // a table, not a zone
  CHECK_FALSE(zone_exists("../../../etc/passwd", dir));
  CHECK_FALSE(zone_exists("/etc/passwd", dir));
  CHECK_FALSE(zone_exists("Europe/Brussels ", dir));
  CHECK_FALSE(zone_exists("", dir));
}
