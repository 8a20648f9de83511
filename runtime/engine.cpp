// The pipeline for one event (LANGUAGE.md, "Order of evaluation"): timers due first, then
// validation against the clock and seen ids, screen (suppress, correlate), admit (freezes,
// permits, guards), apply (classify, rules, clauses with clocks), then emitted events,
// breadth first.
#include "runtime/engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <deque>

#include "lang/json_writer.hpp"
#include "lang/literals.hpp"
#include "runtime/value_text.hpp"

namespace writ::runtime {

struct Engine::Routine {
  std::vector<std::uint64_t> bits;
  std::vector<std::int64_t> slots;
};

namespace {

void set_initial(compiler::Record& record, const std::vector<compiler::Plan::InitialValue>& values) {
  for (const auto& v : values) {
    if (v.field->is_set()) record.set_set(*v.field, v.set);
    else record.set_scalar(*v.field, v.scalar);
  }
}

}  // namespace

Engine::Engine(const compiler::Plan& plan, compiler::RoutineEvaluator& routines, std::string policy_hash, Sink sink,
               EngineOptions options)
    : plan_(plan),
      routines_(routines),
      hash_(std::move(policy_hash)),
      sink_(std::move(sink)),
      options_(options),
      calendars_(plan),
      strings_(plan.strings),
      shape_(plan),
      global_(plan.layouts.global),
      engine_wide_(Incident::make(shape_, pool_)) {
  for (const auto& r : plan.routines) {
    buffers_.push_back(std::make_unique<Routine>(
        Routine{std::vector<std::uint64_t>(compiler::ir::bit_words(r.bit_count) + 1), std::vector<std::int64_t>(r.slot_count + 1)}));
  }
  for (const auto& c : plan.calendars) calendar_table_.push_back(&c.calendar);
  set_initial(global_, plan.global_initial);
  set_initial(engine_wide_->state, plan.state_initial);
  freeze_windows_.resize(plan.freezes.size());
  for (const auto& [type, ep] : plan.events) event_plans_.emplace(type, &ep);
  for (const compiler::LadderPlan& ladder : plan.ladders) {
    auto& outcomes = level_outcomes_.emplace_back();
    for (const auto& level : ladder.levels) outcomes.push_back(fmt::format("level {}", level.number));
  }
}

Engine::~Engine() = default;

const Incident* Engine::incident(const std::string& id) const { return find_incident(std::string_view(id)); }

Incident* Engine::find_incident(compiler::StringId id) const { return incidents_.find(id); }

Incident* Engine::find_incident(std::string_view id) const {
  compiler::StringId key = 0;
  return strings_.find(id, key) ? find_incident(key) : nullptr;
}

void Engine::mark_closed(compiler::StringId id) {
  if (id >= closed_.size()) closed_.resize(std::max<std::size_t>(id + 1, closed_.size() * 3 / 2));
  closed_[id] = true;
}

const compiler::EventPlan* Engine::event_plan(std::string_view type) const {
  auto it = event_plans_.find(type);
  return it == event_plans_.end() ? nullptr : it->second;
}

Decision Engine::decision(const char* kind, const std::string& incident, std::optional<std::uint32_t> construct) const {
  Decision d;
  d.at = clock_;
  d.kind = kind;
  d.incident = incident;
  if (construct) {
    const compiler::ConstructInfo& info = plan_.constructs.at(*construct);
    d.construct = compiler::construct_kind_name(info.kind);
    d.name = info.name;
    d.where = where_text(info.where);
  }
  return d;
}

std::string_view Engine::where_text(const compiler::SourceRef& where) const {
  auto [it, added] = where_texts_.try_emplace(&where);
  if (added) it->second = where.text();
  return it->second;
}

void Engine::emit(Decision&& d) {
  if (staged_reads_ && !d.construct.empty()) {
    add_reads(d, *staged_reads_, staged_routine_);
    unstage_reads();
  }
  d.seq = ++seq_;
  sink_(d);
}

void Engine::reject(std::int64_t at, const std::string& reason, std::string_view type) {
  Decision d = decision("rejected", "", std::nullopt);
  d.at = std::max(at, clock_);
  // Before the first event the clock has no time to give (nor any RFC 3339 form): a line
  // without a readable `at` of its own is stamped at the epoch.
  if (d.at == std::numeric_limits<std::int64_t>::min()) d.at = 0;
  d.outcome = "rejected";
  d.target = type;
  d.reason = reason;
  emit(std::move(d));
}

void Engine::advance_to(std::int64_t t) {
  while (auto timer = timers_.pop_due(t)) {
    clock_ = std::max(clock_, timer->due);
    fire(*timer);
    drain_emitted();
    arena_.clear();
    replaced_sets_.clear();
    evict_closed();
  }
  clock_ = std::max(clock_, t);
}

void Engine::submit(InputEvent event) {
  if (event.at < clock_) {
    return reject(event.at, fmt::format("event at {} is older than the engine clock ({})", lang::format_time(event.at),
                                        lang::format_time(clock_)), event.type);
  }
  if (event.id != 0 && !seen_ids_.insert(event.id)) {
    return reject(event.at, fmt::format("duplicate id `{}`", strings_.text(event.id)), event.type);
  }
  advance_to(event.at);
  if (closed(event.incident)) {
    return reject(event.at, fmt::format("incident `{}` is closed", strings_.text(event.incident)), event.type);
  }
  // A held incident's own copy of its id: the incident is read next anyway, where the
  // string table's copy would be one more cache miss per event at 100,000 incidents.
  const Incident* held = find_incident(event.incident);
  Decision accepted = decision("event", held ? held->id : strings_.text(event.incident), std::nullopt);
  accepted.target = event.type;
  accepted.outcome = "accepted";
  if (event.id != 0) accepted.values.push_back({"id", lang::json_quote(strings_.text(event.id))});
  add_event_fields(accepted, event);
  emit(std::move(accepted));
  process(event, false);
  drain_emitted();
  arena_.clear();
  replaced_sets_.clear();
  evict_closed();
  // Timers the event set for now (a ladder's first level) fire before the next event.
  advance_to(clock_);
}

void Engine::drain_emitted() {
  std::size_t emitted = 0;
  while (!pending_.empty()) {
    InputEvent next = std::move(pending_.front());
    pending_.pop_front();
    if (++emitted > options_.max_emitted_per_event) {
      Decision limit = decision("limit", strings_.text(next.incident), std::nullopt);
      limit.target = next.type;
      limit.reason = fmt::format("more than {} emitted events for one input event; the rest were dropped",
                                 options_.max_emitted_per_event);
      emit(std::move(limit));
      pending_.clear();
      break;
    }
    Decision d = decision("event", strings_.text(next.incident), std::nullopt);
    d.target = next.type;
    d.outcome = "emitted";
    add_event_fields(d, next);
    emit(std::move(d));
    process(next, true);
  }
}

void Engine::submit(DecodedEvent event) {
  submit(InputEvent{event_plan(event.type), event.type, event.at, event.incident.value_or(0), event.id.value_or(0),
                    std::move(event.record)});
}

void Engine::process(InputEvent& event, bool) {
  const compiler::EventPlan* ep = event.plan;
  if (!ep) return reject(event.at, fmt::format("unknown event type `{}`", event.type), event.type);
  if (!screen(event, *ep)) return;
  Incident* incident = ep->global ? nullptr : find_incident(event.incident);
  if (!admit(event, *ep, incident)) return;
  if (!ep->global) {
    incident = &open_incident(event.incident, event.at);
    tracker_.touch(incident->key);
  }
  apply(event, *ep, incident);
}

compiler::EvalContext Engine::context(const compiler::Record* event, Incident* incident, const compiler::Record* started) {
  return compiler::EvalContext{event ? event->words() : nullptr,
                               (incident ? incident : engine_wide_.get())->state.mutable_words(),
                               global_.mutable_words(),
                               started ? started->words() : nullptr,
                               clock_,
                               &strings_,
                               &arena_,
                               calendar_table_.data(),
                               static_cast<std::int64_t>(calendar_table_.size())};
}

const std::int64_t* Engine::run(std::int32_t routine, const compiler::EvalContext& ctx) {
  Routine& r = *buffers_.at(static_cast<std::size_t>(routine));
  routines_.run(static_cast<std::size_t>(routine), ctx, r.bits.data(), r.slots.data());
  return r.slots.data();
}

bool Engine::bit(std::int32_t routine, std::uint32_t index) const {
  return routine >= 0 && compiler::ir::test_bit(buffers_.at(static_cast<std::size_t>(routine))->bits.data(), index);
}

const std::int64_t* Engine::slots(std::int32_t routine) const {
  return buffers_.at(static_cast<std::size_t>(routine))->slots.data();
}

void Engine::adopt(Incident* incident) {
  if (incident) incident->state.adopt_sets(plan_.layouts.state, &replaced_sets_);
  global_.adopt_sets(plan_.layouts.global, &replaced_sets_);
}

bool Engine::screen(InputEvent& event, const compiler::EventPlan& ep) {
  if (ep.screen < 0) return true;
  const std::int64_t* s = run(ep.screen, context(&event.record, find_incident(event.incident), nullptr));
  for (const compiler::SuppressStep& step : ep.suppress) {
    if (!bit(ep.screen, step.bit)) continue;
    Decision d = decision("suppressed", strings_.text(event.incident), step.construct);
    add_reads(d, step.reads, ep.screen);
    d.target = event.type;
    d.outcome = "suppressed";
    emit(std::move(d));
    return false;
  }
  for (const compiler::CorrelateStep& step : ep.correlate) {
    auto key = static_cast<compiler::StringId>(s[step.key.slot]);
    const std::string& own = strings_.text(event.incident);
    std::string joined = correlation_.join(step.construct, key, own, event.at, step.window_ms);
    if (joined == own) continue;
    Decision d = decision("correlated", own, step.construct);
    d.target = joined;
    add_reads(d, step.reads, ep.screen);
    d.values.push_back(decision_value("key", step.key, s, strings_));
    emit(std::move(d));
    event.incident = strings_.intern(joined);
    event.record.set_scalar(*ep.layout->find("incident"), event.incident);
  }
  return true;
}

bool Engine::admit(InputEvent& event, const compiler::EventPlan& ep, Incident* incident) {
  std::vector<Decision> denied = denials(event, ep, incident, clock_, strings_);
  for (Decision& d : denied) emit(std::move(d));
  return denied.empty();
}

// Every freeze, permit and guard that refuses the event at `now`; evaluation interns into
// `strings`, which is strings_ except for a query (admission()).
std::vector<Decision> Engine::denials(const InputEvent& event, const compiler::EventPlan& ep, Incident* incident,
                                      std::int64_t now, compiler::StringTable& strings) {
  std::vector<Decision> out;
  if (ep.admit < 0 && ep.freezes.empty() && !ep.has_permits) return out;
  const std::int64_t* s = nullptr;
  if (ep.admit >= 0) {
    compiler::EvalContext ctx = context(&event.record, incident, nullptr);
    ctx.now = now;
    ctx.strings = &strings;
    s = run(ep.admit, ctx);
  }
  auto refusal = [&](const char* kind, std::uint32_t construct) {
    Decision d = decision(kind, strings.text(event.incident), construct);
    d.at = now;
    d.target = event.type;
    d.outcome = "denied";
    return d;
  };
  for (const compiler::FreezeCheck& check : ep.freezes) {
    auto until = freeze_active(check.freeze, now);
    if (!until || (check.unless_bit && bit(ep.admit, *check.unless_bit))) continue;
    Decision d = refusal("blocked", plan_.freezes[check.freeze].construct);
    add_reads(d, check.reads, ep.admit, strings);
    d.reason = fmt::format("blocked by freeze `{}` until {}", d.name, lang::format_time(*until));
    out.push_back(std::move(d));
  }
  if (ep.has_permits) {
    bool permitted = false;
    for (const compiler::PermitStep& p : ep.permits) permitted |= bit(ep.admit, p.bit);
    if (!permitted) {
      Decision d = refusal("denied", ep.permits.front().construct);
      add_reads(d, ep.permit_reads, ep.admit, strings);
      const auto* role = ep.layout->find(compiler::kActorRoleField);
      d.reason = fmt::format("no permit for {} holds (actor role \"{}\")", event.type,
                             role ? strings.text(static_cast<compiler::StringId>(event.record.words()[role->word])) : "");
      out.push_back(std::move(d));
    }
  }
  for (const compiler::GuardStep& g : ep.guards) {
    for (const compiler::DenyStep& deny : g.denies) {
      if (!bit(ep.admit, deny.bit)) continue;
      Decision d = refusal("denied", g.construct);
      d.where = where_text(deny.where);
      d.reason = render_message(deny.reason, s, strings);
      d.sensitive_reason = deny.reason.sensitive();
      add_reads(d, g.reads, ep.admit, strings);
      out.push_back(std::move(d));
    }
  }
  return out;
}

Incident& Engine::open_incident(compiler::StringId id, std::int64_t at) {
  if (Incident* held = incidents_.find(id)) return *held;
  Incident& incident = incidents_.insert(id, Incident::make(shape_, pool_));
  incident.id = strings_.text(id);
  incident.key = id;
  set_initial(incident.state, plan_.state_initial);
  incident.state.set_scalar(*plan_.layouts.state.find("opened_at"), at);
  return incident;
}

void Engine::apply(InputEvent& event, const compiler::EventPlan& ep, Incident* incident) {
  if (ep.apply < 0) {
    triggers(event, ep, incident);
    return after_event(incident);
  }
  const std::int64_t* s = run(ep.apply, context(&event.record, incident, nullptr));
  adopt(incident);
  const std::string& id = (incident ? *incident : *engine_wide_).id;
  for (const compiler::ClassifyStep& c : ep.classify) {
    for (const auto& row : c.rows) {
      if (!bit(ep.apply, row.bit)) continue;
      Decision d = decision("classified", id, c.construct);
      d.where = where_text(row.where);
      d.target = "state." + c.field;
      d.outcome = "assigned";
      d.values.push_back(decision_value(c.field, c.value, s, strings_));
      add_reads(d, c.reads, ep.apply);
      emit(std::move(d));
      break;
    }
  }
  for (const compiler::RuleStep& rule : ep.rules) {
    if (!bit(ep.apply, rule.bit)) continue;
    Decision d = decision("rule", id, rule.construct);
    add_reads(d, rule.reads, ep.apply);
    d.outcome = "fired";
    d.target = event.type;
    emit(std::move(d));
    // A global event's actions act on the engine-wide instances (`escalate` starts the
    // engine-wide run of a ladder).
    deliver(rule.actions, s, incident ? incident : engine_wide_.get(), rule.construct);
  }
  triggers(event, ep, incident);
  after_event(incident);
}

void Engine::after_event(Incident* incident) {
  if (incident) while_obligations(*incident);
  while_obligations(*engine_wide_);
}

void Engine::evict_closed() {
  for (compiler::StringId id : evictable_) {
    const Incident* found = incidents_.find(id);
    if (found && found->pending_timers == 0) incidents_.erase(id);
  }
  evictable_.clear();
}

}  // namespace writ::runtime
