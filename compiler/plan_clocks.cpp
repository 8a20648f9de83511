// The constructs with clocks: SLAs, escalation ladders, obligations, freezes, measures and
// timer rules; the clauses of theirs that an event triggers; and the routines their timers run.
#include <fmt/format.h>

#include <algorithm>

#include "compiler/plan_builder_impl.hpp"
#include "lang/constant_value.hpp"
#include "lang/expr_printer.hpp"

namespace writ::compiler::detail {

namespace {

std::optional<std::int64_t> constant(const lang::Expr* e) {
  return e ? lang::detail::constant_number(*e) : std::nullopt;
}

ValueType duration_type() { return ValueType{ValueType::Kind::Duration, {}}; }

std::string normalized(const lang::Expr* e) { return e ? lang::normalized_expr_text(*e) : std::string(); }

// `keyword TYPE`, then `joiner COND` when there is a condition.
std::string clause_text(const std::string& keyword, const lang::Path& type, const lang::Expr* condition,
                        const char* joiner = " when ") {
  std::string out = keyword + " " + type.str();
  return condition ? out + joiner + normalized(condition) : out;
}

}  // namespace

std::int32_t PlanBuilder::calendar_index(const lang::CalendarDecl* calendar) const {
  auto it = calendars_.find(calendar);
  return it == calendars_.end() ? -1 : it->second;
}

void PlanBuilder::trigger(TriggerStep::Kind kind, const char* keyword, std::uint32_t target, const lang::Trigger& t,
                          const lang::Expr* duration, bool started_is_event) {
  trigger(Clause{kind, target, t.event, t.condition.get(), t.span, duration, started_is_event,
                 clause_text(keyword, t.event_type, t.condition.get())});
}

void PlanBuilder::trigger(const Clause& c) {
  EventBuild* e = event_build(c.event);
  if (!e) return;
  TriggerStep step;
  step.kind = c.kind;
  step.target = c.target;
  step.where = where(c.span);
  step.text = c.text;
  step.duration_text = normalized(c.duration);
  RoutineBuilder& apply = phase(*e, &EventBuild::apply, "apply");
  Guard holds;
  if (c.condition && reads_started(c.condition)) {
    auto rb = routine("started_condition", c.event);
    step.reads = rb->reads({c.condition});
    rb->test(c.condition);
    step.started_routine = static_cast<std::int32_t>(add_routine(*rb));
  } else if (c.condition || c.duration) {
    step.reads = apply.reads({c.condition, c.duration}, c.started_is_event);
  }
  if (step.started_routine < 0 && c.condition) {
    step.bit = apply.test(c.condition);
    holds.push_back({*step.bit, true});
  }
  if (c.duration) step.duration = apply.value(*c.duration, holds, c.started_is_event);
  e->plan.triggers.push_back(std::move(step));
}

// Clause triggers in declaration order; each kind's index is its position among its kind.
void PlanBuilder::triggers_phase() {
  using K = TriggerStep::Kind;
  std::uint32_t sla = 0, ladder = 0, obligation = 0, freeze = 0, measure = 0, timer = 0;
  for (const Located& d : decls_) {
    if (const auto* s = std::get_if<lang::SlaDecl>(d.decl)) {
      if (s->start) trigger(K::SlaStart, "start on", sla, *s->start, s->target.get());
      for (const auto& t : s->stops) trigger(K::SlaStop, "stop on", sla, t);
      for (const auto& t : s->pauses) trigger(K::SlaPause, "pause on", sla, t);
      for (const auto& t : s->resumes) trigger(K::SlaResume, "resume on", sla, t);
      ++sla;
    } else if (const auto* l = std::get_if<lang::EscalationDecl>(d.decl)) {
      for (const auto& t : l->stops) trigger(K::LadderStop, "stop on", ladder, t);
      ++ladder;
    } else if (const auto* o = std::get_if<lang::ObligationDecl>(d.decl)) {
      // `require` before `after`: when one type is both, the event that arms an instance
      // never fulfils it, and the event that fulfils one arms the next.
      const lang::Expr* deadline = o->within ? o->within.get() : o->every.get();
      trigger(Clause{K::ObligationRequire, obligation, o->required_event, o->where.get(), o->require_span, nullptr, false,
                     clause_text("require", o->required_type, o->where.get(), " where ")});
      if (o->after) trigger(K::ObligationAfter, "after", obligation, *o->after, deadline, true);
      ++obligation;
    } else if (const auto* f = std::get_if<lang::FreezeDecl>(d.decl)) {
      if (f->after) trigger(K::FreezeAfter, "after", freeze, *f->after, f->duration.get());
      ++freeze;
    } else if (const auto* m = std::get_if<lang::MeasureDecl>(d.decl)) {
      trigger(Clause{K::MeasureFrom, measure, m->from_event, nullptr, m->from_type.span, nullptr, false,
                     clause_text("from", m->from_type, nullptr)});
      trigger(Clause{K::MeasureTo, measure, m->to_event, nullptr, m->to_type.span, nullptr, false,
                     clause_text("to", m->to_type, nullptr)});
      ++measure;
    } else if (const auto* r = std::get_if<lang::RuleDecl>(d.decl); r && r->delay) {
      trigger(Clause{K::TimerRuleArm, timer, r->event, nullptr, r->event_type.span, r->delay.get(), false,
                     clause_text("on " + normalized(r->delay.get()) + " after", r->event_type, nullptr)});
      ++timer;
    }
  }
}

void PlanBuilder::build_clocks() {
  for (const Located& d : decls_) {
    if (const auto* s = std::get_if<lang::SlaDecl>(d.decl)) sla(*s, *d.module);
    else if (const auto* l = std::get_if<lang::EscalationDecl>(d.decl)) ladder(*l, *d.module);
    else if (const auto* o = std::get_if<lang::ObligationDecl>(d.decl)) obligation(*o, *d.module);
    else if (const auto* m = std::get_if<lang::MeasureDecl>(d.decl)) measure(*m);
    else if (const auto* r = std::get_if<lang::RuleDecl>(d.decl); r && r->delay) timer_rule(*r, *d.module);
  }
}

void PlanBuilder::sla(const lang::SlaDecl& s, const lang::Module& module) {
  SlaPlan plan;
  plan.construct = construct_of(&s);
  plan.calendar = calendar_index(s.resolved_calendar);
  for (const lang::SlaWarn& warn : s.warns) {
    auto rb = routine(s.name.text + "_warn", nullptr);
    ActionsPlan actions = timer_actions(*rb, warn.actions, module);
    for (int percent : warn.percentages) plan.warns.push_back({percent, actions});
  }
  std::sort(plan.warns.begin(), plan.warns.end(), [](const auto& a, const auto& b) { return a.percent < b.percent; });
  if (s.breach) {
    auto rb = routine(s.name.text + "_breach", nullptr);
    plan.breach = timer_actions(*rb, s.breach->actions, module);
  }
  if (s.met) {
    auto rb = routine(s.name.text + "_met", nullptr);
    plan.met = timer_actions(*rb, s.met->actions, module);
  }
  plan_->slas.push_back(std::move(plan));
}

void PlanBuilder::ladder(const lang::EscalationDecl& e, const lang::Module& module) {
  LadderPlan plan;
  plan.construct = construct_of(&e);
  auto delays = routine(e.name.text + "_delays", nullptr);
  for (const lang::LadderLevel& level : e.levels) {
    SlotRef delay = level.delay ? delays->value(*level.delay) : delays->constant(0, duration_type());
    auto rb = routine(fmt::format("{}_level{}", e.name.text, level.number), nullptr);
    plan.levels.push_back(
        {level.number, where(level.span), delay, normalized(level.delay.get()), timer_actions(*rb, level.actions, module)});
  }
  plan.repeat_count = e.repeat_count.value_or(0);
  if (e.repeat_delay) plan.repeat_delay = delays->value(*e.repeat_delay);
  plan.repeat_delay_text = normalized(e.repeat_delay.get());
  plan.delays_routine = static_cast<std::int32_t>(add_routine(*delays));
  plan_->ladders.push_back(std::move(plan));
}

void PlanBuilder::obligation(const lang::ObligationDecl& o, const lang::Module& module) {
  ObligationPlan plan;
  plan.construct = construct_of(&o);
  plan.required_type = o.required_type.str();
  plan.recurring = o.every != nullptr;
  plan.engine_wide = o.engine_wide;
  if (o.while_condition) {
    auto rb = routine(o.name.text + "_while", nullptr);
    rb->test(o.while_condition.get());
    const lang::Expr* interval = o.within ? o.within.get() : o.every.get();
    if (interval) rb->value(*interval);
    // After the interval, which the runtime reads from slot 0; nothing here assigns.
    plan.while_reads = rb->reads({o.while_condition.get()});
    plan.while_routine = static_cast<std::int32_t>(add_routine(*rb));
  }
  if (o.violation) {
    auto rb = routine(o.name.text + "_violation", nullptr);
    plan.violation = timer_actions(*rb, o.violation->actions, module);
  }
  plan_->obligations.push_back(std::move(plan));
}

void PlanBuilder::freeze(const lang::FreezeDecl& f) {
  FreezePlan plan;
  plan.construct = construct_of(&f);
  plan.from_ms = constant(f.from.get());
  plan.to_ms = constant(f.to.get());
  if ((f.from || f.to) && (!plan.from_ms || !plan.to_ms)) fail(f.span, "a freeze window must be constant times");
  for (const lang::Path& type : f.blocked_types) plan.blocks.push_back(type.str());
  plan_->freezes.push_back(std::move(plan));
}

void PlanBuilder::measure(const lang::MeasureDecl& m) {
  MeasurePlan plan;
  plan.construct = construct_of(&m);
  plan.from_type = m.from_type.str();
  plan.to_type = m.to_type.str();
  plan.calendar = calendar_index(m.resolved_calendar);
  plan.target_ms = constant(m.target.get());
  if (m.target && !plan.target_ms) fail(m.target->span, "a measure's target must be a constant duration");
  plan_->measures.push_back(std::move(plan));
}

void PlanBuilder::timer_rule(const lang::RuleDecl& r, const lang::Module& module) {
  TimerRulePlan plan;
  plan.construct = construct_of(&r);
  plan.armed_by = r.event_type.str();
  auto rb = routine(r.name.text, r.event);
  plan.reads = rb->reads({r.condition.get()});
  std::uint32_t bit = rb->test(r.condition.get());
  plan.fire = timer_actions(*rb, r.actions, module, {{bit, true}});
  plan_->timer_rules.push_back(std::move(plan));
}

}  // namespace writ::compiler::detail
