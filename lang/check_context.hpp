#pragma once
// What an expression may read depends on where it stands: the event being processed, the
// event that started an SLA or obligation, the incident's state, the clock. The language
// reference tabulates it ("Where `event`, `actor` and `started` may be read"); the checker
// builds one Context per row of that table and every name read asks it first.
#include <string>
#include <string_view>
#include <vector>

#include "lang/ast.hpp"
#include "lang/diagnostic.hpp"
#include "lang/symbols.hpp"

namespace writ::lang::detail {

struct Context {
  const UnitSymbols* unit = nullptr;
  std::string place;      // completes "cannot be read in ...": "a guard's `deny` condition"
  bool constant = false;  // const, initial values, table rows, tests: nothing read at run time
  // What `event.` and `actor.` read; empty where no event is being processed. Several only
  // for a freeze blocking several types: a field must then be in all of them.
  std::vector<const EventDecl*> events;
  bool event_unresolved = false;  // the trigger type is unknown (reported): reads are silent errors
  const EventDecl* started = nullptr;  // what `started.` reads
  bool started_unresolved = false;
  std::string no_started_why;  // why `started.` is unavailable here
  const EventDecl* global_event = nullptr;  // runs on this global event, so there is no state
  // Non-empty where the construct runs in the engine-wide instances for a reason other than
  // a global event at hand: why, completing "it runs engine-wide, in no incident, because ...".
  std::string engine_wide;
};

Context constant_context(const UnitSymbols& unit, std::string place);
// A construct running on `event` (null when its type did not resolve).
Context event_context(const UnitSymbols& unit, const EventDecl* event, std::string place);
// A construct running on a timer or a condition, with no event at hand.
Context eventless_context(const UnitSymbols& unit, std::string place);
// Makes `started.` read `started` (null when the start type did not resolve).
void allow_started(Context& ctx, const EventDecl* started);

// Each reports (E0403, E0404, E0405, E0408, E0409) and returns false when `ctx` cannot read
// that here, or returns false silently when what it would read is already in error.
bool may_read_event(const Context& ctx, Span span, Diagnostics& diags);
bool may_read_actor(const Context& ctx, Span span, Diagnostics& diags);
bool may_read_started(const Context& ctx, Span span, Diagnostics& diags);
// `verb` is "read" or "set".
bool may_use_state(const Context& ctx, Span span, Diagnostics& diags, std::string_view what, std::string_view verb);
// Whether an incident is at hand: not where a global event is processed, nor in the
// engine-wide instances (docs/semantics.md, "Engine-wide instances").
bool has_incident(const Context& ctx);
// Why no incident is at hand, when has_incident(ctx) is false: "`x` is a global event, ...".
std::string no_incident_why(const Context& ctx);
// E0410 and false when no incident is at hand; `what` needs one: "the incident cannot be closed".
bool needs_incident(const Context& ctx, Span span, Diagnostics& diags, std::string_view what);
// `global.`, `now` and `age` cannot appear in constant expressions.
bool may_read_runtime(const Context& ctx, Span span, Diagnostics& diags, std::string_view what);

}  // namespace writ::lang::detail
