#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "compiler/calendar_spec.hpp"
#include "lang/literals.hpp"
#include "stdlib/business_calendar.hpp"
#include "tests/support/checked_program.hpp"

using namespace writ;

namespace {

std::vector<const lang::CalendarDecl*> calendars(const lang::Program& program) {
  std::vector<const lang::CalendarDecl*> out;
  for (const auto& module : program.modules) {
    for (const lang::Decl& decl : module->decls) {
      if (const auto* cal = std::get_if<lang::CalendarDecl>(&decl)) out.push_back(cal);
    }
  }
  return out;
}

std::int64_t day(int y, int m, int d) { return lang::days_from_civil(lang::CivilDate{y, m, d}); }

std::string intervals(const std::vector<stdlib::OpenInterval>& open) {
  std::string text;
  for (const auto& o : open) text += lang::format_clock(o.from_minute) + ".." + lang::format_clock(o.to_minute) + " ";
  return text;
}

}  // namespace

TEST_CASE("a calendar declaration becomes its spec", "[compiler][calendar]") {
  auto checked = test::check_text(R"(
calendar business {
  zone "Europe/Brussels"
  open mon..fri 08:00..18:00
  open sat 09:00..12:00
  open fri 17:00..24:00
  closed 2026-12-25, 2026-12-26
  closed 2026-12-24..2026-12-31
}
)");
  INFO(checked->rendered());
  REQUIRE(checked->ok);
  auto decls = calendars(checked->program);
  REQUIRE(decls.size() == 1);
  stdlib::CalendarSpec spec = compiler::calendar_spec(*decls[0]);

  CHECK(spec.zone == "Europe/Brussels");
  for (std::size_t d = 0; d < 4; ++d) CHECK(intervals(spec.open[d]) == "08:00..18:00 ");
  CHECK(intervals(spec.open[4]) == "08:00..18:00 17:00..24:00 ");
  CHECK(intervals(spec.open[5]) == "09:00..12:00 ");
  CHECK(spec.open[6].empty());
  REQUIRE(spec.closed.size() == 3);
  CHECK(spec.closed[0].first_day == day(2026, 12, 25));
  CHECK(spec.closed[0].last_day == day(2026, 12, 25));
  CHECK(spec.closed[1].first_day == day(2026, 12, 26));
  CHECK(spec.closed[2].first_day == day(2026, 12, 24));
  CHECK(spec.closed[2].last_day == day(2026, 12, 31));
  CHECK(spec.closed[2].last_day - spec.closed[2].first_day == 7);
}

TEST_CASE("every calendar of the standard library builds on this host", "[compiler][calendar]") {
  auto checked = test::check_paths({std::string(WRIT_SOURCE_DIR) + "/stdlib/calendars.writ"});
  INFO(checked->rendered());
  REQUIRE(checked->ok);
  auto decls = calendars(checked->program);
  REQUIRE(decls.size() == 6);
  for (const lang::CalendarDecl* decl : decls) {
    INFO(decl->name.text);
    auto made = stdlib::BusinessCalendar::create(compiler::calendar_spec(*decl));
    if (auto* error = std::get_if<std::string>(&made)) FAIL(*error);
    const auto& cal = std::get<stdlib::BusinessCalendar>(made);
    CHECK(cal.zone() == decl->zone);
    // Each is open at some time in the week of 2026-11-30 (Monday), none the whole week
    // except `always`.
    std::int64_t monday = *lang::parse_time("2026-11-30T00:00:00Z");
    std::int64_t week = 7 * 86'400'000LL;
    std::int64_t open = cal.elapsed(monday, monday + week);
    CHECK(open > 0);
    CHECK((open == week) == (decl->name.text == "always"));
  }
}
