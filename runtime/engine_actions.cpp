// Delivering actions in order: each is one decision, and some change the engine (a ladder
// starts, an emitted event is queued, an incident closes).
#include <fmt/format.h>

#include <cstring>

#include "lang/json_writer.hpp"
#include "lang/literals.hpp"
#include "runtime/engine.hpp"
#include "runtime/value_text.hpp"

namespace writ::runtime {

namespace {

using Kind = compiler::ActionPlan::Kind;

const char* action_kind(Kind kind) {
  switch (kind) {
    case Kind::Set: return "set";
    case Kind::Notify: return "notify";
    case Kind::Emit: return "emit";
    case Kind::Escalate: return "escalate";
    case Kind::Stop: return "stop";
    case Kind::OpenTicket: return "ticket";
    case Kind::Audit: return "audit";
    case Kind::Close: return "close";
  }
  return "action";
}

std::vector<compiler::StringId> set_ids(const std::int64_t* words) {
  std::uintptr_t address = 0;
  std::memcpy(&address, &words[0], sizeof address);
  const auto* ids = reinterpret_cast<const compiler::StringId*>(address);
  return std::vector<compiler::StringId>(ids, ids + words[1]);
}

}  // namespace

void Engine::deliver(const compiler::ActionsPlan& actions, const std::int64_t* s, Incident* incident,
                     std::optional<std::uint32_t> construct) {
  for (const compiler::ActionPlan& a : actions.actions) deliver(a, s, incident, construct);
}

void Engine::run_actions(const compiler::ActionsPlan& actions, Incident* incident, const compiler::Record* event,
                         const compiler::Record* started, std::uint32_t construct) {
  if (actions.routine < 0) return;
  const std::int64_t* s = run(actions.routine, context(event, incident, started));
  adopt(incident);
  deliver(actions, s, incident, construct);
}

void Engine::deliver(const compiler::ActionPlan& a, const std::int64_t* s, Incident* incident,
                     std::optional<std::uint32_t> construct) {
  const std::string& id = (incident ? *incident : *engine_wide_).id;
  Decision d = decision(action_kind(a.kind), id, construct);
  d.where = where_text(a.where);
  d.target = a.target;
  switch (a.kind) {
    case Kind::Set:
      if (a.value) d.values.push_back(decision_value(a.target, *a.value, s, strings_));
      break;
    case Kind::Notify:
      if (a.value) d.target = message_value(*a.value, s, strings_);
      d.sensitive_target = a.value && a.value->sensitive;
      d.message = render_message(a.message, s, strings_);
      d.sensitive_message = a.message.sensitive();
      break;
    case Kind::Emit: emit_event(a, s, incident); break;
    case Kind::Escalate:
      if (incident) {
        emit(std::move(d));
        return ladder_start(static_cast<std::uint32_t>(a.target_index), *incident);
      }
      break;
    case Kind::Stop:
      if (incident) {
        emit(std::move(d));
        auto index = static_cast<std::uint32_t>(a.target_index);
        using S = compiler::ActionPlan::StopKind;
        if (a.stop_kind == S::Sla) return sla_stop(index, *incident, false);
        if (a.stop_kind == S::Ladder) return ladder_stop(index, *incident, "stopped by an action");
        return obligation_stop(index, *incident, "stopped by an action");
      }
      break;
    case Kind::OpenTicket:
      if (a.value) d.target = message_value(*a.value, s, strings_);
      d.sensitive_target = a.value && a.value->sensitive;
      if (a.owner) d.values.push_back(decision_value("owner", *a.owner, s, strings_));
      if (a.due) {
        d.values.push_back({"due", lang::json_quote(lang::format_time(clock_ + s[a.due->slot])), a.due->sensitive});
      }
      break;
    case Kind::Audit:
      d.message = render_message(a.message, s, strings_);
      d.sensitive_message = a.message.sensitive();
      break;
    case Kind::Close:
      // The engine-wide instances belong to no incident: the checker rejects `close` there (E0410).
      if (incident && incident != engine_wide_.get() && !incident->closed) {
        incident->closed = true;
        mark_closed(incident->key);
        if (incident->pending_timers == 0) evictable_.push_back(incident->key);
        correlation_.forget(incident->id);
      }
      break;
  }
  emit(std::move(d));
}

// The emitted event belongs to the same incident (none for a global type) and is processed
// after the current one.
void Engine::emit_event(const compiler::ActionPlan& a, const std::int64_t* s, Incident* incident) {
  const compiler::EventPlan* target = event_plan(a.target);
  if (!target || !target->layout) return;
  // An incident's event needs an incident: the checker rejects emitting one where there is none (E0410).
  bool has_incident = incident && incident != engine_wide_.get();
  if (!target->global && !has_incident) return;
  InputEvent e{target, a.target, clock_, target->global ? 0 : incident->key, 0,
               compiler::Record(*target->layout)};
  const compiler::RecordLayout& layout = *target->layout;
  e.record.set_scalar(*layout.find("incident"), e.incident);
  e.record.set_scalar(*layout.find("at"), clock_);
  e.record.set_scalar(*layout.find("type"), strings_.intern(a.target));
  for (const auto& f : a.fields) {
    if (f.field->is_set()) e.record.set_set(*f.field, set_ids(s + f.value.slot));
    else e.record.set_scalar(*f.field, s[f.value.slot]);
  }
  pending_.push_back(std::move(e));
}

}  // namespace writ::runtime
