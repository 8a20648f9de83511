#pragma once
// From a checked `calendar` declaration to the plain CalendarSpec that BusinessCalendar
// and the runtime use, so neither has to read the AST.
#include "lang/ast.hpp"
#include "stdlib/calendar_spec.hpp"

namespace writ::compiler {

// Each `open` line becomes one interval on every weekday of its range; each `closed` date
// or range becomes one ClosedRange. The checker has made every range run forwards.
stdlib::CalendarSpec calendar_spec(const lang::CalendarDecl& decl);

}  // namespace writ::compiler
