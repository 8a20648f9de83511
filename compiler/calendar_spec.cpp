#include "compiler/calendar_spec.hpp"

#include "lang/literals.hpp"

namespace writ::compiler {

namespace {

std::int64_t day_number(const lang::CalendarDate& date) {
  return lang::days_from_civil(lang::CivilDate{date.year, date.month, date.day});
}

}  // namespace

stdlib::CalendarSpec calendar_spec(const lang::CalendarDecl& decl) {
  stdlib::CalendarSpec spec;
  spec.zone = decl.zone;
  for (const lang::OpenHours& open : decl.open) {
    for (int day = static_cast<int>(open.first_day); day <= static_cast<int>(open.last_day); ++day) {
      spec.open[static_cast<std::size_t>(day)].push_back({open.from_minute, open.to_minute});
    }
  }
  for (const lang::ClosedDays& closed : decl.closed) {
    spec.closed.push_back({day_number(closed.first), day_number(closed.last)});
  }
  return spec;
}

}  // namespace writ::compiler
