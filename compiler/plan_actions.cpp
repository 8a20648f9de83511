// Actions: each becomes an ActionPlan whose values are slots of the routine that runs it.
#include <fmt/format.h>

#include "compiler/plan_builder_impl.hpp"
#include "lang/decl_printer.hpp"

namespace writ::compiler::detail {

ActionsPlan PlanBuilder::lower_actions(const lang::Actions& actions, const lang::Module& module, RoutineBuilder& rb,
                                       const Guard& guard) {
  ActionsPlan out;
  for (const lang::Action& a : actions) out.actions.push_back(lower_action(a, module, rb, guard));
  return out;
}

ActionsPlan PlanBuilder::timer_actions(RoutineBuilder& rb, const lang::Actions& actions, const lang::Module& module,
                                       const Guard& guard) {
  ActionsPlan out = lower_actions(actions, module, rb, guard);
  out.routine = static_cast<std::int32_t>(add_routine(rb));
  return out;
}

ActionPlan PlanBuilder::lower_action(const lang::Action& a, const lang::Module& module, RoutineBuilder& rb,
                                     const Guard& guard) {
  using K = lang::Action::Kind;
  ActionPlan out;
  out.where = where(a.span);
  out.text = lang::normalized_action_text(a);
  switch (a.kind) {
    case K::Set: out.kind = ActionPlan::Kind::Set; lower_set(a, out, rb, guard); break;
    case K::Notify:
      out.kind = ActionPlan::Kind::Notify;
      if (a.value) out.value = rb.value(*a.value, guard);
      if (a.message) out.message = rb.message(*a.message, guard);
      break;
    case K::Emit: out.kind = ActionPlan::Kind::Emit; lower_emit(a, out, rb, guard); break;
    case K::Escalate: out.kind = ActionPlan::Kind::Escalate; resolve_target(a, module, out); break;
    case K::Stop: out.kind = ActionPlan::Kind::Stop; resolve_target(a, module, out); break;
    case K::OpenTicket:
      out.kind = ActionPlan::Kind::OpenTicket;
      if (a.value) out.value = rb.value(*a.value, guard);
      if (a.owner) out.owner = rb.value(*a.owner, guard);
      if (a.due) out.due = rb.value(*a.due, guard);
      break;
    case K::Audit:
      out.kind = ActionPlan::Kind::Audit;
      if (a.message) out.message = rb.message(*a.message, guard);
      break;
    case K::Close: out.kind = ActionPlan::Kind::Close; break;
  }
  return out;
}

// `set major = …`, `set state.major = …` or `set global.f = …`.
void PlanBuilder::lower_set(const lang::Action& a, ActionPlan& out, RoutineBuilder& rb, const Guard& guard) {
  const auto& parts = a.target.parts;
  bool global = parts.size() == 2 && parts[0].text == "global";
  bool qualified = parts.size() == 2 && (global || parts[0].text == "state");
  if (parts.empty() || parts.size() > 2 || (parts.size() == 2 && !qualified) || !a.value) {
    fail(a.span, "a `set` the checker did not accept");
    return;
  }
  const std::string& name = parts.back().text;
  const RecordLayout& layout = global ? plan_->layouts.global : plan_->layouts.state;
  const FieldSlot* field = layout.find(name);
  if (!field) {
    fail(a.target.span, fmt::format("`{}` is not a field of the {} record", name, global ? "global" : "state"));
    return;
  }
  out.target = (global ? "global." : "state.") + name;
  out.value = rb.assign(global ? RecordSource::Global : RecordSource::State, *field, *a.value, guard);
}

void PlanBuilder::lower_emit(const lang::Action& a, ActionPlan& out, RoutineBuilder& rb, const Guard& guard) {
  out.target = a.target.str();
  const RecordLayout* layout = plan_->layouts.event(out.target);
  if (!layout) {
    fail(a.target.span, fmt::format("`{}` is not an event type", out.target));
    return;
  }
  for (const lang::EmitField& f : a.fields) {
    const FieldSlot* field = layout->find(f.name.text);
    if (!field || !f.value) {
      fail(f.span, fmt::format("`{}` is not a field of {}", f.name.text, out.target));
      continue;
    }
    out.fields.push_back({f.name.text, field, rb.value(*f.value, guard)});
  }
}

// `escalate LADDER` and `stop NAME` name a construct of the action's unit, or of a unit it
// imports (`itil.major_path`).
void PlanBuilder::resolve_target(const lang::Action& a, const lang::Module& module, ActionPlan& out) {
  out.target = a.target.str();
  const auto& parts = a.target.parts;
  auto unit_it = unit_of_.find(&module);
  const lang::Unit* unit = unit_it == unit_of_.end() ? nullptr : unit_it->second;
  if (unit && parts.size() == 2) {
    auto imported = unit->imports.find(parts[0].text);
    unit = imported == unit->imports.end() ? nullptr : imported->second;
  }
  std::pair<const lang::Unit*, std::string> key{unit, parts.empty() ? std::string() : parts.back().text};
  auto find = [&](const auto& map, ActionPlan::StopKind kind) {
    auto it = map.find(key);
    if (it == map.end()) return false;
    out.target_index = static_cast<std::int32_t>(it->second);
    out.stop_kind = kind;
    return true;
  };
  bool found = a.kind == lang::Action::Kind::Escalate
                   ? find(ladders_, ActionPlan::StopKind::Ladder)
                   : find(slas_, ActionPlan::StopKind::Sla) || find(ladders_, ActionPlan::StopKind::Ladder) ||
                         find(obligations_, ActionPlan::StopKind::Obligation);
  if (!found) fail(a.target.span, fmt::format("`{}` does not name a construct this action can reach", out.target));
}

}  // namespace writ::compiler::detail
