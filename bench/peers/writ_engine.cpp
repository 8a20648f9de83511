#include "bench/peers/writ_engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "compiler/jit_routines.hpp"

namespace writ::peers {

namespace {

const compiler::EventPlan& event_plan(const compiler::Plan& plan, std::size_t type) {
  const compiler::EventPlan* ep = plan.event(std::string(kTypes[type]));
  if (!ep) throw std::runtime_error(fmt::format("the policy has no event type {}", kTypes[type]));
  return *ep;
}

std::vector<std::int32_t> phases(const compiler::EventPlan& ep) {
  std::vector<std::int32_t> out;
  for (std::int32_t r : {ep.screen, ep.admit, ep.apply}) {
    if (r >= 0) out.push_back(r);
  }
  return out;
}

// The decision a rule's name stands for: `declare_major_alert` is declare_major.
std::optional<Decision> rule_decision(const std::string& name) {
  for (Decision d : {kDeclareMajor, kTriageBreach, kFailoverAllowed, kPageExec, kSlaBreach}) {
    std::string_view prefix = kDecisionNames[d];
    if (name.size() > prefix.size() && name.compare(0, prefix.size(), prefix) == 0 && name[prefix.size()] == '_') return d;
  }
  return std::nullopt;
}

void add_decision_probes(const compiler::Plan& plan, const compiler::EventPlan& ep, std::size_t type, Schedule& s) {
  std::string_view name = kTypes[type];
  if (ep.classify.size() != 1 || ep.classify[0].rows.size() != 4) {
    throw std::runtime_error(fmt::format("{}: expected one classify table (tier) of four rows", name));
  }
  for (std::uint32_t row = 0; row < 4; ++row) s.probes[type].push_back({ep.apply, ep.classify[0].rows[row].bit, kTierP1 + row});
  std::uint32_t found = 0;
  for (const compiler::RuleStep& rule : ep.rules) {
    auto d = rule_decision(plan.constructs[rule.construct].name);
    if (!d) continue;
    s.probes[type].push_back({ep.apply, rule.bit, *d});
    found |= 1u << *d;
  }
  if (std::popcount(found) != 5) throw std::runtime_error(fmt::format("{}: expected the five per-event rules", name));
  if (type == kSeverityChange) {
    if (ep.permits.size() != 1) throw std::runtime_error("severity.change: expected one permit");
    s.probes[type].push_back({ep.admit, ep.permits[0].bit, kSeverityChangePermitted});
  }
  if (type == kChangeRequested) {
    if (ep.guards.size() != 1 || ep.guards[0].denies.size() != 1) {
      throw std::runtime_error("change.requested: expected one guard with one deny");
    }
    s.probes[type].push_back({ep.admit, ep.guards[0].denies[0].bit, kChangeBlocked});
  }
}

void initialise(compiler::Record& r, const std::vector<compiler::Plan::InitialValue>& values) {
  for (const auto& v : values) {
    if (v.field->is_set()) r.set_set(*v.field, v.set);
    else r.set_scalar(*v.field, v.scalar);
  }
}

}  // namespace

Schedule decision_schedule(const compiler::Plan& plan) {
  Schedule s;
  s.counters = kDecisionCount;
  for (std::size_t type = 0; type < kTypes.size(); ++type) {
    const compiler::EventPlan& ep = event_plan(plan, type);
    s.routines[type] = phases(ep);
    add_decision_probes(plan, ep, type, s);
  }
  return s;
}

Schedule permit_schedule(const compiler::Plan& plan) {
  Schedule s;
  s.counters = kDecisionCount;
  const compiler::EventPlan& ep = event_plan(plan, kSeverityChange);
  if (ep.permits.size() != 1) throw std::runtime_error("severity.change: expected one permit");
  s.routines[kSeverityChange] = {ep.admit};
  s.probes[kSeverityChange] = {{ep.admit, ep.permits[0].bit, kSeverityChangePermitted}};
  return s;
}

Schedule rule_schedule(const compiler::Plan& plan) {
  Schedule s;
  s.counters = 1;
  for (std::size_t type = 0; type < kTypes.size(); ++type) {
    const compiler::EventPlan& ep = event_plan(plan, type);
    s.routines[type] = phases(ep);
    for (const compiler::RuleStep& rule : ep.rules) s.probes[type].push_back({ep.apply, rule.bit, 0});
  }
  return s;
}

DecisionCounts to_decision_counts(const std::vector<std::uint64_t>& counters) {
  DecisionCounts c;
  std::copy_n(counters.begin(), std::min(counters.size(), c.n.size()), c.n.begin());
  return c;
}

WritEngine::WritEngine(const compiler::CompiledPolicy& policy, const std::vector<PeerEvent>& events)
    : policy_(policy),
      strings_(policy.plan->strings),
      initial_state_(policy.plan->layouts.state),
      global_(policy.plan->layouts.global) {
  const compiler::Plan& plan = *policy.plan;
  initialise(initial_state_, plan.state_initial);
  if (const compiler::FieldSlot* opened = plan.layouts.state.find("opened_at")) {
    initial_state_.set_scalar(*opened, writ_event_time(0));
  }
  const std::uint32_t state_words = plan.layouts.state.word_count();
  std::unordered_map<std::int32_t, std::uint32_t> state_of;  // incident number -> its first word in states_
  for (std::size_t i = 0; i < events.size(); ++i) {
    const PeerEvent& e = events[i];
    const compiler::RecordLayout* layout = plan.layouts.event(std::string(kTypes[e.type]));
    if (!layout) throw std::runtime_error(fmt::format("the policy has no event type {}", kTypes[e.type]));
    compiler::Record r(*layout);
    auto set = [&](const char* field, std::int64_t value) {
      const compiler::FieldSlot* slot = layout->find(field);
      if (!slot) throw std::runtime_error(fmt::format("event type {} has no field {}", kTypes[e.type], field));
      r.set_scalar(*slot, value);
    };
    auto id = [&](std::string_view text) { return static_cast<std::int64_t>(strings_.intern(text)); };
    std::int64_t at = writ_event_time(i);
    set("type", id(kTypes[e.type]));
    set("at", at);
    set("incident", id(fmt::format("INC-{}", e.incident)));
    set(compiler::kActorIdField, id(""));
    set(compiler::kActorRoleField, id(kRoles[e.role]));
    set("service", id(kServices[e.service]));
    set("severity", e.severity);
    set("users_affected", e.users_affected);
    set("impact", id(kImpacts[e.impact]));
    set("duration_min", e.duration_min);
    set("data_exposure", e.data_exposure);
    set("replication_lag_s", e.replication_lag_s);
    set("data_consistent", e.data_consistent);
    auto [it, fresh] = state_of.try_emplace(e.incident, static_cast<std::uint32_t>(states_.size()));
    if (fresh) states_.resize(states_.size() + state_words);
    items_.push_back({e.type, it->second, static_cast<std::uint32_t>(words_.size()), at});
    words_.insert(words_.end(), r.words(), r.words() + layout->word_count());
  }
  for (const auto& routine : plan.routines) {
    bits_.emplace_back(std::max<std::uint32_t>(compiler::ir::bit_words(routine.bit_count), 1), 0);
    slots_.emplace_back(std::max<std::uint32_t>(routine.slot_count, 1), 0);
  }
}

void WritEngine::reset_states() {
  const std::uint32_t state_words = policy_.plan->layouts.state.word_count();
  for (std::size_t at = 0; at < states_.size(); at += state_words) {
    std::copy_n(initial_state_.words(), state_words, states_.begin() + static_cast<std::ptrdiff_t>(at));
  }
  initialise(global_, policy_.plan->global_initial);
}

WritEngine::Calls WritEngine::calls(const Schedule& schedule) {
  Calls out;
  for (std::size_t type = 0; type < kTypes.size(); ++type) {
    for (std::int32_t r : schedule.routines[type]) {
      out.routines[type].push_back({static_cast<std::size_t>(r), bits_[r].data(), slots_[r].data()});
    }
    for (const Probe& p : schedule.probes[type]) out.counters[type].push_back({&bits_[p.routine][p.bit / 64], p.bit % 64, p.counter});
  }
  return out;
}

template <typename Run>
std::vector<std::uint64_t> WritEngine::loop(const Schedule& schedule, const Calls& calls, Run&& run) {
  std::vector<std::uint64_t> counters(schedule.counters, 0);
  // One context for the pass: per event only its record, its incident's state and its time change.
  compiler::EvalContext ctx{nullptr, nullptr, global_.mutable_words(), nullptr, 0, &strings_, &arena_};
  for (const Item& item : items_) {
    const std::vector<Call>& routines = calls.routines[item.type];
    if (routines.empty()) continue;
    ctx.event = words_.data() + item.offset;
    ctx.state = states_.data() + item.state;
    ctx.now = item.at;
    for (const Call& call : routines) run(call, ctx);
    for (const BitCounter& c : calls.counters[item.type]) counters[c.counter] += (*c.word >> c.shift) & 1;
  }
  return counters;
}

std::vector<std::uint64_t> WritEngine::run(const Schedule& schedule) {
  reset_states();
  Calls scheduled = calls(schedule);
  if (auto* native = dynamic_cast<compiler::JitRoutines*>(policy_.routines.get())) {
    std::vector<compiler::CompiledRoutine> entry;
    for (std::size_t r = 0; r < native->size(); ++r) entry.push_back(native->entry_point(r));
    return loop(schedule, scheduled, [&](const Call& call, const compiler::EvalContext& ctx) {
      entry[call.routine](&ctx, call.bits, call.slots);
    });
  }
  compiler::RoutineEvaluator& interpreter = *policy_.routines;
  return loop(schedule, scheduled, [&](const Call& call, const compiler::EvalContext& ctx) {
    interpreter.run(call.routine, ctx, call.bits, call.slots);
  });
}

}  // namespace writ::peers
