// The constructs with clocks: SLAs, escalation ladders, obligations, freezes, measures and
// timer rules — the clauses an event triggers, and the timers they set and fire.
#include <fmt/format.h>

#include "lang/json_writer.hpp"
#include "lang/literals.hpp"
#include "runtime/engine.hpp"

namespace writ::runtime {

namespace {

using TK = compiler::TriggerStep::Kind;

std::string json_duration(std::int64_t ms) { return lang::json_quote(lang::format_duration(ms)); }
// Written into one string: a time's text has nothing to escape, and a formatted time quoted
// afterwards was two allocations per SLA or obligation started.
std::string json_time(std::int64_t ms) {
  std::string out = "\"";
  lang::append_time(out, ms);
  out += '"';
  return out;
}

}  // namespace

bool Engine::trigger_holds(const compiler::TriggerStep& t, std::int32_t apply, InputEvent& event, Incident* incident,
                           const std::optional<compiler::Record>& started) {
  if (t.started_routine >= 0) {
    if (!started) return false;
    run(t.started_routine, context(&event.record, incident, &*started));
    return bit(t.started_routine, 0);
  }
  return !t.bit || bit(apply, *t.bit);
}

const std::vector<Incident*>& Engine::visible(Incident* incident) {
  reached_.assign(1, engine_wide_.get());
  if (incident) {
    reached_.push_back(incident);
    return reached_;
  }
  for (Incident* inc : incidents_.in_order()) {
    if (inc->closed) continue;
    reached_.push_back(inc);
    tracker_.touch(inc->key);
  }
  return reached_;
}

void Engine::triggers(InputEvent& event, const compiler::EventPlan& ep, Incident* incident) {
  if (ep.triggers.empty()) return;
  Incident& owner = incident ? *incident : *engine_wide_;
  const std::vector<Incident*>& reached = visible(incident);
  for (const compiler::TriggerStep& t : ep.triggers) {
    stage_reads(t.reads, t.started_routine >= 0 ? t.started_routine : ep.apply);
    std::int64_t duration = t.duration && ep.apply >= 0 ? slots(ep.apply)[t.duration->slot] : 0;
    switch (t.kind) {
      case TK::FreezeAfter:
        if (!t.bit || bit(ep.apply, *t.bit)) freeze_start(t.target, duration, owner.id);
        break;
      case TK::SlaStart:
      case TK::ObligationAfter:
      case TK::MeasureFrom:
      case TK::TimerRuleArm: arm(t, duration, event, ep, incident, owner); break;
      default:
        for (Incident* instance : reached) act(t, event, ep, incident, *instance);
    }
    unstage_reads();
  }
}

void Engine::arm(const compiler::TriggerStep& t, std::int64_t duration, InputEvent& event, const compiler::EventPlan& ep,
                 Incident* incident, Incident& owner) {
  static const std::optional<compiler::Record> kNone;
  switch (t.kind) {
    case TK::SlaStart:
      if (!owner.slas()[t.target].running && trigger_holds(t, ep.apply, event, incident, kNone)) {
        sla_start(t.target, owner, event, duration);
      }
      break;
    case TK::ObligationAfter:
      if (trigger_holds(t, ep.apply, event, incident, kNone)) obligation_start(t.target, owner, &event, duration);
      break;
    case TK::MeasureFrom: measure(t.target, owner, false); break;
    case TK::TimerRuleArm: arm_timer_rule(t.target, owner, event, duration); break;
    default: break;
  }
}

void Engine::act(const compiler::TriggerStep& t, InputEvent& event, const compiler::EventPlan& ep, Incident* incident,
                 Incident& instance) {
  static const std::optional<compiler::Record> kNone;
  switch (t.kind) {
    case TK::SlaStop:
    case TK::SlaPause:
    case TK::SlaResume: {
      SlaInstance& sla = instance.slas()[t.target];
      if (!sla.running || !trigger_holds(t, ep.apply, event, incident, sla.started)) break;
      if (t.kind == TK::SlaStop) sla_stop(t.target, instance, true);
      else if (t.kind == TK::SlaPause) sla_pause(t.target, instance);
      else sla_resume(t.target, instance);
      break;
    }
    case TK::LadderStop:
      if (instance.ladders()[t.target].running && trigger_holds(t, ep.apply, event, incident, kNone)) {
        ladder_stop(t.target, instance, "its stop event arrived");
      }
      break;
    case TK::ObligationRequire: {
      ObligationInstance& o = instance.obligations()[t.target];
      if (o.running && trigger_holds(t, ep.apply, event, incident, o.started)) obligation_met(t.target, instance);
      break;
    }
    case TK::MeasureTo: measure(t.target, instance, true); break;
    default: break;
  }
}

void Engine::schedule(Timer timer, Incident& inc) {
  if (&inc != engine_wide_.get()) ++inc.pending_timers;
  timers_.push(std::move(timer));
}

void Engine::fire(const Timer& timer) {
  Incident* found = engine_wide_.get();
  if (timer.incident != 0) {
    found = find_incident(timer.incident);
    if (!found) return;
    tracker_.touch(timer.incident);
    if (--found->pending_timers == 0 && found->closed) evictable_.push_back(timer.incident);
  }
  Incident& inc = *found;
  switch (timer.kind) {
    case Timer::Kind::SlaWarn:
    case Timer::Kind::SlaBreach: fire_sla(timer, inc); break;
    case Timer::Kind::LadderLevel: fire_ladder(timer, inc); break;
    case Timer::Kind::ObligationDeadline: fire_obligation(timer, inc); break;
    case Timer::Kind::TimerRule: fire_timer_rule(timer, inc); break;
  }
  after_event(&inc == engine_wide_.get() ? nullptr : &inc);
}

// ---- SLAs ----

void Engine::sla_start(std::uint32_t index, Incident& inc, const InputEvent& event, std::int64_t target) {
  SlaInstance& sla = inc.slas()[index];
  std::uint64_t generation = sla.generation + 1;
  sla = SlaInstance{};
  sla.running = true;
  sla.generation = generation;
  sla.started_at = clock_;
  sla.target_ms = target;
  sla.segment_start = clock_;
  sla.started = inc.keep(StartedBy::Sla, index, event.record, *event.plan->layout);
  const compiler::SlaPlan& plan = plan_.slas[index];
  Decision d = decision("sla.started", inc.id, plan.construct);
  d.values.reserve(2);  // target and deadline: one allocation, not a growth per value
  d.values.emplace_back("target", json_duration(target));
  if (auto deadline = calendars_.add(plan.calendar, clock_, target)) d.values.emplace_back("deadline", json_time(*deadline));
  emit(std::move(d));
  sla_schedule(index, inc);
}

void Engine::sla_schedule(std::uint32_t index, Incident& inc) {
  SlaInstance& sla = inc.slas()[index];
  const compiler::SlaPlan& plan = plan_.slas[index];
  auto at = [&](std::int64_t point) { return calendars_.add(plan.calendar, sla.segment_start, point - sla.consumed_ms); };
  for (std::size_t w = sla.next_warn; w < plan.warns.size(); ++w) {
    std::int64_t point = sla.target_ms / 100 * plan.warns[w].percent + sla.target_ms % 100 * plan.warns[w].percent / 100;
    if (point < sla.consumed_ms) continue;
    if (auto due = at(point)) {
      schedule(Timer{*due, plan.construct, inc.key, 0, Timer::Kind::SlaWarn, index, static_cast<std::uint32_t>(w), 0, sla.generation}, inc);
    }
  }
  if (sla.breached) return;
  if (auto due = at(sla.target_ms)) {
    schedule(Timer{*due, plan.construct, inc.key, 0, Timer::Kind::SlaBreach, index, 0, 0, sla.generation}, inc);
  }
}

void Engine::fire_sla(const Timer& timer, Incident& inc) {
  SlaInstance& sla = inc.slas()[timer.target];
  if (!sla.running || sla.paused || sla.generation != timer.generation) return;
  const compiler::SlaPlan& plan = plan_.slas[timer.target];
  const compiler::Record* started = sla.started ? &*sla.started : nullptr;
  if (timer.kind == Timer::Kind::SlaWarn) {
    sla.next_warn = timer.step + 1;
    Decision d = decision("warn", inc.id, plan.construct);
    d.outcome = "warned";
    d.values.emplace_back("percent", std::to_string(plan.warns[timer.step].percent));
    emit(std::move(d));
    return run_actions(plan.warns[timer.step].actions, &inc, nullptr, started, plan.construct);
  }
  sla.breached = true;
  Decision d = decision("breach", inc.id, plan.construct);
  d.outcome = "breached";
  d.values.emplace_back("target", json_duration(sla.target_ms));
  d.values.emplace_back("started", json_time(sla.started_at));
  emit(std::move(d));
  if (plan.breach) run_actions(*plan.breach, &inc, nullptr, started, plan.construct);
}

void Engine::sla_stop(std::uint32_t index, Incident& inc, bool stop_event) {
  SlaInstance& sla = inc.slas()[index];
  if (!sla.running) return;
  const compiler::SlaPlan& plan = plan_.slas[index];
  std::int64_t used = sla.consumed_ms + (sla.paused ? 0 : calendars_.elapsed(plan.calendar, sla.segment_start, clock_));
  sla.running = false;
  ++sla.generation;
  bool met = stop_event && !sla.breached;
  Decision d = decision(met ? "met" : "sla.stopped", inc.id, plan.construct);
  d.outcome = met ? "met" : sla.breached ? "breached" : "stopped";
  d.values.emplace_back("elapsed", json_duration(used));
  d.values.emplace_back("target", json_duration(sla.target_ms));
  emit(std::move(d));
  if (met && plan.met) run_actions(*plan.met, &inc, nullptr, sla.started ? &*sla.started : nullptr, plan.construct);
}

void Engine::sla_pause(std::uint32_t index, Incident& inc) {
  SlaInstance& sla = inc.slas()[index];
  if (sla.paused) return;
  const compiler::SlaPlan& plan = plan_.slas[index];
  sla.consumed_ms += calendars_.elapsed(plan.calendar, sla.segment_start, clock_);
  sla.paused = true;
  ++sla.generation;
  Decision d = decision("sla.paused", inc.id, plan.construct);
  d.values.emplace_back("elapsed", json_duration(sla.consumed_ms));
  emit(std::move(d));
}

void Engine::sla_resume(std::uint32_t index, Incident& inc) {
  SlaInstance& sla = inc.slas()[index];
  if (!sla.paused) return;
  sla.paused = false;
  sla.segment_start = clock_;
  ++sla.generation;
  Decision d = decision("sla.resumed", inc.id, plan_.slas[index].construct);
  d.values.emplace_back("elapsed", json_duration(sla.consumed_ms));
  emit(std::move(d));
  sla_schedule(index, inc);
}

// ---- escalation ladders ----

void Engine::ladder_start(std::uint32_t index, Incident& inc) {
  LadderInstance& ladder = inc.ladders()[index];
  const compiler::LadderPlan& plan = plan_.ladders[index];
  if (ladder.running) {
    Decision d = decision("escalation.ignored", inc.id, plan.construct);
    d.outcome = "ignored";
    d.reason = "the ladder is already running; it goes on from its current level";
    return emit(std::move(d));
  }
  const std::int64_t* s = run(plan.delays_routine, context(nullptr, &inc, nullptr));
  ladder.running = true;
  ++ladder.generation;
  ladder.delays.clear();
  for (const auto& level : plan.levels) ladder.delays.push_back(s[level.delay.slot]);
  ladder.repeat_delay = plan.repeat_delay ? s[plan.repeat_delay->slot] : 0;
  if (plan.levels.empty()) return;
  schedule(Timer{clock_ + ladder.delays[0], plan.construct, inc.key, 0, Timer::Kind::LadderLevel, index, 0, 0, ladder.generation}, inc);
}

void Engine::fire_ladder(const Timer& timer, Incident& inc) {
  LadderInstance& ladder = inc.ladders()[timer.target];
  if (!ladder.running || ladder.generation != timer.generation) return;
  const compiler::LadderPlan& plan = plan_.ladders[timer.target];
  Decision d = decision("escalation", inc.id, plan.construct);
  d.outcome = level_outcomes_[timer.target][timer.step];
  d.values.emplace_back("level", std::to_string(plan.levels[timer.step].number));
  d.values.emplace_back("round", std::to_string(timer.round + 1));
  emit(std::move(d));
  run_actions(plan.levels[timer.step].actions, &inc, nullptr, nullptr, plan.construct);
  if (!ladder.running || ladder.generation != timer.generation) return;  // a level's action stopped it
  Timer next = timer;
  if (timer.step + 1 < plan.levels.size()) {
    next.step = timer.step + 1;
    next.due = timer.due + ladder.delays[next.step];
  } else if (timer.round < plan.repeat_count) {
    next.step = 0;
    next.round = timer.round + 1;
    next.due = timer.due + ladder.repeat_delay;
  } else {
    ladder.running = false;
    Decision end = decision("escalation.ended", inc.id, plan.construct);
    end.outcome = "exhausted";
    return emit(std::move(end));
  }
  schedule(next, inc);
}

void Engine::ladder_stop(std::uint32_t index, Incident& inc, const char* why) {
  LadderInstance& ladder = inc.ladders()[index];
  if (!ladder.running) return;
  ladder.running = false;
  ++ladder.generation;
  Decision d = decision("escalation.stopped", inc.id, plan_.ladders[index].construct);
  d.outcome = "stopped";
  d.reason = why;
  emit(std::move(d));
}

// ---- obligations ----

void Engine::obligation_start(std::uint32_t index, Incident& inc, const InputEvent* event, std::int64_t interval) {
  ObligationInstance& o = inc.obligations()[index];
  const compiler::ObligationPlan& plan = plan_.obligations[index];
  if (o.running) {
    Decision d = decision("obligation.ignored", inc.id, plan.construct);
    d.outcome = "ignored";
    d.target = plan.required_type;
    d.reason = "an instance is already pending; its deadline stands";
    return emit(std::move(d));
  }
  // Each lapse schedules the next one interval later: with none, the timers would never
  // get past this instant.
  if (plan.recurring && interval <= 0) {
    Decision d = decision("obligation.refused", inc.id, plan.construct);
    d.outcome = "refused";
    d.target = plan.required_type;
    d.reason = fmt::format("its `every` interval is {}; a recurring duty needs one longer than zero",
                           lang::format_duration(interval));
    return emit(std::move(d));
  }
  o.running = true;
  ++o.generation;
  o.interval_ms = interval;
  o.started.reset();
  if (event) o.started = inc.keep(StartedBy::Obligation, index, event->record, *event->plan->layout);
  Decision d = decision("obligation.started", inc.id, plan.construct);
  d.target = plan.required_type;
  d.values.emplace_back("deadline", json_time(clock_ + interval));
  emit(std::move(d));
  schedule(Timer{clock_ + interval, plan.construct, inc.key, 0, Timer::Kind::ObligationDeadline, index, 0, 0, o.generation}, inc);
}

void Engine::obligation_met(std::uint32_t index, Incident& inc) {
  ObligationInstance& o = inc.obligations()[index];
  const compiler::ObligationPlan& plan = plan_.obligations[index];
  ++o.generation;
  Decision d = decision("met", inc.id, plan.construct);
  d.outcome = "met";
  d.target = plan.required_type;
  emit(std::move(d));
  if (!plan.recurring) {
    o.running = false;
    return;
  }
  schedule(Timer{clock_ + o.interval_ms, plan.construct, inc.key, 0, Timer::Kind::ObligationDeadline, index, 0, 0, o.generation}, inc);
}

void Engine::obligation_stop(std::uint32_t index, Incident& inc, const char* why) {
  ObligationInstance& o = inc.obligations()[index];
  if (!o.running) return;
  o.running = false;
  ++o.generation;
  Decision d = decision("obligation.stopped", inc.id, plan_.obligations[index].construct);
  d.outcome = "stopped";
  d.reason = why;
  emit(std::move(d));
}

void Engine::fire_obligation(const Timer& timer, Incident& inc) {
  ObligationInstance& o = inc.obligations()[timer.target];
  if (!o.running || o.generation != timer.generation) return;
  const compiler::ObligationPlan& plan = plan_.obligations[timer.target];
  Decision d = decision("violation", inc.id, plan.construct);
  d.outcome = "violated";
  d.target = plan.required_type;
  d.reason = fmt::format("no {} {} {}", plan.required_type, plan.recurring ? "for" : "within",
                         lang::format_duration(o.interval_ms));
  emit(std::move(d));
  if (!plan.recurring) o.running = false;
  if (plan.violation) run_actions(*plan.violation, &inc, nullptr, o.started ? &*o.started : nullptr, plan.construct);
  // Each lapse of a recurring duty starts the next interval.
  if (plan.recurring && o.running && o.generation == timer.generation) {
    schedule(Timer{timer.due + o.interval_ms, plan.construct, inc.key, 0, Timer::Kind::ObligationDeadline, timer.target, 0, 0, o.generation}, inc);
  }
}

void Engine::while_obligations(Incident& inc) {
  bool engine_wide = &inc == engine_wide_.get();
  for (std::uint32_t i = 0; i < plan_.obligations.size(); ++i) {
    const compiler::ObligationPlan& plan = plan_.obligations[i];
    if (plan.while_routine < 0 || plan.engine_wide != engine_wide) continue;
    const std::int64_t* s = run(plan.while_routine, context(nullptr, &inc, nullptr));
    bool holds = bit(plan.while_routine, 0);
    bool running = inc.obligations()[i].running;
    stage_reads(plan.while_reads, plan.while_routine);
    if (holds && !running) obligation_start(i, inc, nullptr, s[0]);
    if (!holds && running) obligation_stop(i, inc, "its `while` condition no longer holds");
    unstage_reads();
  }
}

// ---- freezes, measures, timer rules ----

void Engine::freeze_start(std::uint32_t index, std::int64_t length, const std::string& incident) {
  freeze_windows_[index].emplace_back(clock_, clock_ + length);
  Decision d = decision("freeze.started", incident, plan_.freezes[index].construct);
  d.values.emplace_back("from", json_time(clock_));
  d.values.emplace_back("to", json_time(clock_ + length));
  emit(std::move(d));
}

std::optional<std::int64_t> Engine::freeze_active(std::uint32_t index, std::int64_t now) const {
  const compiler::FreezePlan& plan = plan_.freezes[index];
  std::optional<std::int64_t> until;
  if (plan.from_ms && plan.to_ms && *plan.from_ms <= now && now < *plan.to_ms) until = *plan.to_ms;
  for (const auto& [from, to] : freeze_windows_[index]) {
    if (from <= now && now < to) until = std::max(until.value_or(to), to);
  }
  return until;
}

void Engine::measure(std::uint32_t index, Incident& inc, bool to) {
  if (!to) {
    if (!inc.measure_from()[index]) inc.measure_from()[index] = clock_;
    return;
  }
  if (!inc.measure_from()[index] || inc.measure_done()[index]) return;
  inc.measure_done()[index] = true;
  const compiler::MeasurePlan& plan = plan_.measures[index];
  std::int64_t value = calendars_.elapsed(plan.calendar, *inc.measure_from()[index], clock_);
  Decision d = decision("measure", inc.id, plan.construct);
  d.outcome = !plan.target_ms ? "recorded" : value <= *plan.target_ms ? "met" : "missed";
  d.values.emplace_back("value", json_duration(value));
  d.values.emplace_back("value_ms", std::to_string(value));
  if (plan.target_ms) d.values.emplace_back("target", json_duration(*plan.target_ms));
  emit(std::move(d));
}

void Engine::arm_timer_rule(std::uint32_t index, Incident& inc, const InputEvent& event, std::int64_t delay) {
  if (inc.timer_rule_armed()[index]) return;
  inc.timer_rule_armed()[index] = true;
  inc.timer_rule_event()[index] = inc.keep(StartedBy::TimerRule, index, event.record, *event.plan->layout);
  const compiler::TimerRulePlan& plan = plan_.timer_rules[index];
  schedule(Timer{clock_ + delay, plan.construct, inc.key, 0, Timer::Kind::TimerRule, index, 0, 0, 0}, inc);
}

void Engine::fire_timer_rule(const Timer& timer, Incident& inc) {
  const compiler::TimerRulePlan& plan = plan_.timer_rules[timer.target];
  const auto& armed = inc.timer_rule_event()[timer.target];
  if (!armed || plan.fire.routine < 0) return;
  const std::int64_t* s = run(plan.fire.routine, context(&*armed, &inc, nullptr));
  adopt(&inc);
  Decision d = decision("rule", inc.id, plan.construct);
  add_reads(d, plan.reads, plan.fire.routine);
  bool fired = bit(plan.fire.routine, 0);
  d.outcome = fired ? "fired" : "skipped";
  d.target = plan.armed_by;
  if (!fired) d.reason = "its condition did not hold when the timer fired";
  emit(std::move(d));
  if (fired) deliver(plan.fire, s, &inc, plan.construct);
}

}  // namespace writ::runtime
