#pragma once
// The static checks that run on checked declarations, one file each.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lang/ast.hpp"
#include "lang/checker.hpp"
#include "lang/diagnostic.hpp"
#include "lang/program.hpp"
#include "lang/symbols.hpp"

namespace writ::lang::detail {

// W0501: classify rows that earlier rows always cover (classify_coverage.cpp).
void check_classify_coverage(const ClassifyDecl& decl, Diagnostics& diags);
// W0516: two classify tables setting one state field on one event type (classify_conflicts.cpp).
void check_classify_conflicts(const Program& program, const ProgramSymbols& symbols, Diagnostics& diags);
// W0517: a permit whose condition can never hold (permit_never_holds.cpp).
void check_permit_can_hold(const PermitDecl& permit, Diagnostics& diags);
// E0502: emitted events that trigger each other forever (emit_cycles.cpp).
void check_emit_cycles(const Program& program, const ProgramSymbols& symbols, Diagnostics& diags);
// E0503: cycles in the service dependency map (service_graph.cpp).
void check_service_graph(const ProgramSymbols& symbols, Diagnostics& diags);
// E0504, E0505: ladder levels (ladder_check.cpp).
void check_ladder(const EscalationDecl& decl, Diagnostics& diags);
// E0506, E0507, E0512: zone, open hours and closed days (calendar_check.cpp).
void check_calendar(const CalendarDecl& decl, std::string_view zoneinfo_dir, Diagnostics& diags);
// True when `zone` names a TZif file under `zoneinfo_dir` (calendar_check.cpp).
bool zone_exists(std::string_view zone, std::string_view zoneinfo_dir);
// E0513, W0509: known annotations' arguments and stale reviews (annotation_check.cpp).
void check_annotations(const Program& program, const CheckOptions& options, Diagnostics& diags);

}  // namespace writ::lang::detail
