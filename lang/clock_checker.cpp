// Constructs with clocks and windows: SLAs, escalation ladders, obligations, freezes and
// measures. Their actions run on timers, where no event is at hand, but `started.` reads the
// event that started the clock.
#include <fmt/format.h>

#include "lang/constant_value.hpp"
#include "lang/decl_checker.hpp"
#include "lang/state_read.hpp"
#include "lang/static_checks.hpp"

namespace writ::lang::detail {

namespace {

// A context on a timer that `started` (null: unknown) set going.
Context timer_context(const UnitSymbols& unit, std::string place, const EventDecl* started, bool has_start) {
  Context ctx = eventless_context(unit, std::move(place));
  if (has_start) {
    allow_started(ctx, started);
    if (started && started->global) ctx.global_event = started;
  }
  return ctx;
}

// Same as event_context, with `started.` reading the clock's start event.
Context clause_context(const UnitSymbols& unit, const EventDecl* event, std::string place, const EventDecl* started,
                       bool has_start) {
  Context ctx = event_context(unit, event, std::move(place));
  if (has_start) allow_started(ctx, started);
  return ctx;
}

void report_missing(Diagnostics& diags, Span span, std::string message, std::string help) {
  auto& d = diags.error(Code::MissingClause, span, std::move(message));
  d.help = std::move(help);
}

void report_both(Diagnostics& diags, Span second, Span first, std::string message) {
  auto& d = diags.error(Code::DuplicateClause, second, std::move(message));
  d.notes.push_back({first, true, "the other one is here"});
}

}  // namespace

const CalendarDecl* DeclChecker::resolve_calendar(const std::optional<Path>& path) {
  if (!path) return nullptr;
  const Symbol* s = resolve_symbol(*path, *unit_, diags_, is_kind<CalendarDecl>, "a calendar");
  return s ? s->get<CalendarDecl>() : nullptr;
}

void DeclChecker::check(SlaDecl& s) {
  std::string name = fmt::format("SLA `{}`", s.name.text);
  const EventDecl* start = nullptr;
  if (s.start) {
    start = s.start->event = trigger_event(s.start->event_type);
    Context ctx = event_context(*unit_, start, fmt::format("the `start` condition of {}", name));
    ctx.no_started_why = "the SLA has not started yet";
    check_condition(s.start->condition.get(), ctx, "a `start` condition");
  } else {
    report_missing(diags_, s.name.span, fmt::format("{} has no `start` clause", name),
                   "add `start on EVENT_TYPE` to say what starts the clock");
  }
  Context target = event_context(*unit_, start, fmt::format("the target of {}", name));
  target.no_started_why = "the target is computed when the SLA starts: read the start event as `event.`";
  check_positive_duration(s.target.get(), target, "the target of an SLA");
  s.resolved_calendar = resolve_calendar(s.calendar);
  auto check_triggers = [&](std::vector<Trigger>& triggers, std::string_view clause) {
    for (Trigger& t : triggers) {
      t.event = trigger_event(t.event_type);
      Context ctx = clause_context(*unit_, t.event, fmt::format("a `{}` condition of {}", clause, name), start, true);
      check_condition(t.condition.get(), ctx, fmt::format("a `{}` condition", clause));
    }
  };
  check_triggers(s.stops, "stop");
  check_triggers(s.pauses, "pause");
  check_triggers(s.resumes, "resume");
  std::map<int, Span> points;
  for (SlaWarn& warn : s.warns) {
    for (std::size_t i = 0; i < warn.percentages.size() && i < warn.percentage_spans.size(); ++i) {
      auto [it, fresh] = points.emplace(warn.percentages[i], warn.percentage_spans[i]);
      if (fresh) continue;
      auto& d = diags_.error(Code::DuplicateKey, warn.percentage_spans[i],
                             fmt::format("{} warns at {}% twice", name, warn.percentages[i]));
      d.notes.push_back({it->second, true, "first given here"});
    }
    check_actions(warn.actions, timer_context(*unit_, fmt::format("the warning actions of {}", name), start, true));
  }
  if (s.breach) check_actions(s.breach->actions, timer_context(*unit_, fmt::format("the breach actions of {}", name), start, true));
  if (s.met) check_actions(s.met->actions, timer_context(*unit_, fmt::format("the `met` actions of {}", name), start, true));
}

void DeclChecker::check(EscalationDecl& e) {
  std::string name = fmt::format("escalation `{}`", e.name.text);
  for (LadderLevel& level : e.levels) {
    Context ctx = eventless_context(*unit_, fmt::format("level {} of {}", level.number, name));
    check_positive_duration(level.delay.get(), ctx, "a level's delay");
    check_actions(level.actions, ctx);
  }
  for (Trigger& t : e.stops) {
    t.event = trigger_event(t.event_type);
    Context ctx = event_context(*unit_, t.event, fmt::format("a `stop` condition of {}", name));
    check_condition(t.condition.get(), ctx, "a `stop` condition");
  }
  if (e.repeat_count && *e.repeat_count < 1) {
    diags_.error(Code::InvalidValue, e.repeat_span, fmt::format("{} repeats {} times; give at least 1", name, *e.repeat_count));
  }
  check_positive_duration(e.repeat_delay.get(), eventless_context(*unit_, fmt::format("the `repeat` of {}", name)),
                          "the delay before a repeat");
  check_ladder(e, diags_);
}

void DeclChecker::check(ObligationDecl& o) {
  std::string name = fmt::format("obligation `{}`", o.name.text);
  bool has_after = o.after.has_value();
  const EventDecl* trigger = nullptr;
  if (has_after && o.while_condition) {
    report_both(diags_, o.while_condition->span, o.after->span, fmt::format("{} has both `after` and `while`; give one", name));
  } else if (!has_after && !o.while_condition) {
    report_missing(diags_, o.name.span, fmt::format("{} has neither `after` nor `while`", name),
                   "say when the duty applies: `after EVENT_TYPE` or `while CONDITION`");
  }
  if (has_after) {
    trigger = o.after->event = trigger_event(o.after->event_type);
    Context ctx = event_context(*unit_, trigger, fmt::format("the `after` condition of {}", name));
    check_condition(o.after->condition.get(), ctx, "an `after ... when` condition");
  }
  if (o.while_condition) {
    Context ctx = eventless_context(*unit_, fmt::format("the `while` condition of {}", name));
    check_condition(o.while_condition.get(), ctx, "a `while` condition");
  }
  std::string no_started = "a `while` obligation is not started by an event";
  if (o.required_type.parts.empty()) {
    report_missing(diags_, o.name.span, fmt::format("{} has no `require` clause", name),
                   "say what must happen: `require EVENT_TYPE within DURATION`");
  } else {
    o.required_event = trigger_event(o.required_type);
    Context where = clause_context(*unit_, o.required_event, fmt::format("the `where` condition of {}", name), trigger, has_after);
    if (!has_after) where.no_started_why = no_started;
    check_condition(o.where.get(), where, "a `where` condition");
  }
  Context timed = timer_context(*unit_, fmt::format("the deadline of {}", name), trigger, has_after);
  if (!has_after) timed.no_started_why = no_started;
  check_positive_duration(o.within.get(), timed, "an obligation's deadline");
  check_positive_duration(o.every.get(), timed, "an obligation's interval");
  if (has_after) {
    o.engine_wide = trigger && trigger->global;
  } else if (o.while_condition && !first_state_read(o.while_condition.get()) && !first_state_read(o.within.get()) &&
             !first_state_read(o.every.get())) {
    o.engine_wide = true;
    timed.engine_wide = "its `while` condition and interval read no state";
  }
  if (o.violation) {
    timed.place = fmt::format("the violation actions of {}", name);
    check_actions(o.violation->actions, timed);
  }
}

void DeclChecker::check(FreezeDecl& f) {
  std::string name = fmt::format("freeze `{}`", f.name.text);
  check_freeze_window(f);
  if (f.blocked_types.empty()) {
    report_missing(diags_, f.name.span, fmt::format("{} blocks nothing", name), "add `block EVENT_TYPE`");
  }
  Context unless = eventless_context(*unit_, fmt::format("the `unless` condition of {}", name));
  for (const Path& type : f.blocked_types) {
    const EventDecl* blocked = trigger_event(type);
    f.blocked_events.push_back(blocked);
    if (!blocked) {
      unless.event_unresolved = true;
      continue;
    }
    unless.events.push_back(blocked);
    if (blocked->global) unless.global_event = blocked;
  }
  if (unless.event_unresolved) unless.events.clear();
  check_condition(f.unless.get(), unless, "an `unless` condition");
}

void DeclChecker::check_freeze_window(FreezeDecl& f) {
  std::string name = fmt::format("freeze `{}`", f.name.text);
  bool absolute = f.from || f.to;
  if (f.after && absolute) {
    report_both(diags_, (f.from ? f.from : f.to)->span, f.after->span,
                fmt::format("{} has both an `after` window and a `from ... to` window; give one", name));
  } else if (!f.after && !absolute) {
    report_missing(diags_, f.name.span, fmt::format("{} has no window", name),
                   "add `after EVENT_TYPE for DURATION` or `from TIME to TIME`");
  }
  if (f.after) {
    f.after->event = trigger_event(f.after->event_type);
    Context ctx = event_context(*unit_, f.after->event, fmt::format("the `after` clause of {}", name));
    check_condition(f.after->condition.get(), ctx, "an `after ... when` condition");
    check_positive_duration(f.duration.get(), ctx, "the length of a freeze");
  }
  Context window = constant_context(*unit_, fmt::format("the window of {}", name));
  Type time = Type::of(Type::Kind::Time);
  if (f.from) types_.expect(*f.from, window, time, "the start of a freeze window");
  if (f.to) types_.expect(*f.to, window, time, "the end of a freeze window");
  if (!f.from || !f.to) return;
  auto from = constant_number(*f.from);
  auto to = constant_number(*f.to);
  if (from && to && *from >= *to) {
    auto& d = diags_.error(Code::FreezeEndsBeforeStart, f.to->span, fmt::format("{} does not end after it starts", name));
    d.notes.push_back({f.from->span, true, "the window starts here"});
  }
}

void DeclChecker::check(MeasureDecl& m) {
  m.from_event = trigger_event(m.from_type);
  m.to_event = trigger_event(m.to_type);
  m.resolved_calendar = resolve_calendar(m.calendar);
  Context ctx = constant_context(*unit_, fmt::format("the target of measure `{}`", m.name.text));
  check_positive_duration(m.target.get(), ctx, "a measure's target");
}

}  // namespace writ::lang::detail
