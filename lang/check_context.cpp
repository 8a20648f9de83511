#include "lang/check_context.hpp"

#include <fmt/format.h>

namespace writ::lang::detail {

namespace {

constexpr std::string_view kNoStartedDefault =
    "it is only available in an SLA or an obligation, where it is the event that started it";

void report_not_constant(const Context& ctx, Span span, Diagnostics& diags, std::string_view what) {
  auto& d = diags.error(Code::NotConstant, span, fmt::format("{} cannot be read in {}", what, ctx.place));
  d.help = "this must be a constant expression: literals, constants and enum values";
}

}  // namespace

std::string no_incident_why(const Context& ctx) {
  if (ctx.global_event) {
    return fmt::format("`{}` is a global event, which belongs to no incident", ctx.global_event->type.str());
  }
  return "it runs engine-wide, in no incident, because " + ctx.engine_wide;
}

Context constant_context(const UnitSymbols& unit, std::string place) {
  Context ctx;
  ctx.unit = &unit;
  ctx.place = std::move(place);
  ctx.constant = true;
  return ctx;
}

Context event_context(const UnitSymbols& unit, const EventDecl* event, std::string place) {
  Context ctx = eventless_context(unit, std::move(place));
  if (event) {
    ctx.events.push_back(event);
    if (event->global) ctx.global_event = event;
  } else {
    ctx.event_unresolved = true;
  }
  return ctx;
}

Context eventless_context(const UnitSymbols& unit, std::string place) {
  Context ctx;
  ctx.unit = &unit;
  ctx.place = std::move(place);
  ctx.no_started_why = kNoStartedDefault;
  return ctx;
}

void allow_started(Context& ctx, const EventDecl* started) {
  ctx.started = started;
  ctx.started_unresolved = started == nullptr;
}

bool may_read_event(const Context& ctx, Span span, Diagnostics& diags) {
  if (ctx.constant) {
    report_not_constant(ctx, span, diags, "`event`");
    return false;
  }
  if (ctx.event_unresolved) return false;
  if (ctx.events.empty()) {
    auto& d = diags.error(Code::EventUnavailable, span,
                          fmt::format("`event` cannot be read in {}: no event is being processed there", ctx.place));
    if (ctx.started) d.help = "the event that started the clock is readable as `started.`";
    return false;
  }
  return true;
}

bool may_read_actor(const Context& ctx, Span span, Diagnostics& diags) {
  if (ctx.constant) {
    report_not_constant(ctx, span, diags, "`actor`");
    return false;
  }
  if (ctx.event_unresolved) return false;
  if (ctx.events.empty()) {
    diags.error(Code::ActorUnavailable, span,
                fmt::format("`actor` cannot be read in {}: no event is being processed there", ctx.place));
    return false;
  }
  return true;
}

bool may_read_started(const Context& ctx, Span span, Diagnostics& diags) {
  if (ctx.constant) {
    report_not_constant(ctx, span, diags, "`started`");
    return false;
  }
  if (ctx.started_unresolved) return false;
  if (!ctx.started) {
    diags.error(Code::StartedOutsideClock, span,
                fmt::format("`started` cannot be read in {}: {}", ctx.place, ctx.no_started_why));
    return false;
  }
  return true;
}

bool may_use_state(const Context& ctx, Span span, Diagnostics& diags, std::string_view what, std::string_view verb) {
  if (ctx.constant) {
    report_not_constant(ctx, span, diags, what);
    return false;
  }
  if (!has_incident(ctx)) {
    auto& d = diags.error(Code::GlobalTouchesState, span,
                          fmt::format("{} cannot be {} in {}: {}", what, verb, ctx.place, no_incident_why(ctx)));
    d.help = ctx.global_event ? "a global event can read and set `global.` fields instead"
                              : "an engine-wide construct can read and set `global.` fields instead";
    return false;
  }
  return true;
}

bool has_incident(const Context& ctx) { return !ctx.global_event && ctx.engine_wide.empty(); }

bool needs_incident(const Context& ctx, Span span, Diagnostics& diags, std::string_view what) {
  if (ctx.constant || has_incident(ctx)) return true;
  auto& d = diags.error(Code::NeedsIncident, span, fmt::format("{} in {}: {}", what, ctx.place, no_incident_why(ctx)));
  d.help = "without an incident, actions may notify, open tickets, audit, set `global.` fields and emit global events";
  return false;
}

bool may_read_runtime(const Context& ctx, Span span, Diagnostics& diags, std::string_view what) {
  if (!ctx.constant) return true;
  report_not_constant(ctx, span, diags, what);
  return false;
}

}  // namespace writ::lang::detail
