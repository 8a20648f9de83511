// Actions: set, notify, emit, escalate, stop, open ticket, audit, close.
#include <algorithm>
#include <fmt/format.h>

#include "lang/decl_checker.hpp"
#include "lang/suggest.hpp"

namespace writ::lang::detail {

namespace {

using K = Type::Kind;

bool is_stoppable(const Symbol& s) {
  return s.get<SlaDecl>() || s.get<EscalationDecl>() || s.get<ObligationDecl>();
}

std::vector<std::string> field_names(const std::map<std::string, StateField*, std::less<>>& fields) {
  std::vector<std::string> names;
  for (const auto& [name, _] : fields) names.push_back(name);
  return names;
}

}  // namespace

void DeclChecker::check_field_once(std::vector<const Ident*>& earlier, const Ident& name, std::string_view what) {
  auto first = std::find_if(earlier.begin(), earlier.end(), [&](const Ident* e) { return e->text == name.text; });
  if (first != earlier.end()) {
    auto& d = diags_.error(Code::DuplicateField, name.span, fmt::format("{} is given twice", what));
    d.notes.push_back({(*first)->span, true, "first given here"});
  }
  earlier.push_back(&name);
}

void DeclChecker::check_actions(Actions& actions, const Context& ctx) {
  for (Action& action : actions) check_action(action, ctx);
}

void DeclChecker::check_action(Action& action, const Context& ctx) {
  const Type string = Type::of(K::String);
  switch (action.kind) {
    case Action::Kind::Set: check_set(action, ctx); break;
    case Action::Kind::Emit: check_emit(action, ctx); break;
    case Action::Kind::Notify:
      if (action.value) types_.expect(*action.value, ctx, string, "the recipient of `notify`");
      if (action.message) types_.check_message(*action.message, ctx);
      break;
    case Action::Kind::Audit:
      if (action.message) types_.check_message(*action.message, ctx);
      break;
    case Action::Kind::Escalate: {
      const Symbol* s = resolve_symbol(action.target, *unit_, diags_, is_kind<EscalationDecl>, "an escalation ladder");
      const EscalationDecl* ladder = s ? s->get<EscalationDecl>() : nullptr;
      // Checked once every ladder is: whether its levels need an incident (E0410).
      if (ladder && !has_incident(ctx)) engine_wide_escalations_.push_back({&action, ladder, unit_, ctx.place, no_incident_why(ctx)});
      break;
    }
    case Action::Kind::Stop:
      resolve_symbol(action.target, *unit_, diags_, is_stoppable, "an SLA, escalation ladder or obligation");
      break;
    case Action::Kind::OpenTicket:
      if (action.value) types_.expect(*action.value, ctx, string, "the kind of a ticket");
      if (action.owner) types_.expect(*action.owner, ctx, string, "the owner of a ticket");
      check_positive_duration(action.due.get(), ctx, "the time a ticket is due in");
      break;
    case Action::Kind::Close:
      needs_incident(ctx, action.span, diags_, "the incident cannot be closed");
      break;
  }
}

void DeclChecker::check_set(Action& action, const Context& ctx) {
  const auto& parts = action.target.parts;
  if (parts.empty()) return;
  std::string head = parts.front().text;
  bool global = head == "global" && parts.size() == 2;
  bool state = parts.size() == 1 || (head == "state" && parts.size() == 2);
  Type target = Type::error();
  if (!global && !state) {
    auto& d = diags_.error(Code::NotAssignable, action.target.span, fmt::format("`{}` cannot be set", action.target.str()));
    d.help = "`set` changes a state field (`set tier = P1`) or a global field (`set global.f = ...`)";
  } else {
    const std::string& field = parts.back().text;
    const auto& fields = global ? symbols_.global_fields : symbols_.state_fields;
    std::string what = global ? "`global`" : "`state`";
    bool allowed = global || may_use_state(ctx, action.target.span, diags_, what, "set");
    auto it = fields.find(field);
    if (allowed && it != fields.end()) {
      target = it->second->resolved_type;
    } else if (allowed && !global && field == "opened_at") {
      diags_.error(Code::NotAssignable, action.target.span, "`state.opened_at` is set by the engine and cannot be changed");
    } else if (allowed && parts.size() == 1 && unit_->find(field)) {
      diags_.error(Code::NotAssignable, action.target.span,
                   fmt::format("`{}` is {}; only state and global fields can be set", field, symbol_kind_text(*unit_->find(field))));
    } else if (allowed) {
      auto& d = diags_.error(Code::UnknownField, parts.back().span,
                             fmt::format("`{}` is not a field of `{}`", field, global ? "global" : "state"));
      d.help = did_you_mean(field, field_names(fields));
    }
  }
  if (action.value) types_.expect(*action.value, ctx, target, fmt::format("the new value of `{}`", action.target.str()));
}

void DeclChecker::check_emit(Action& action, const Context& ctx) {
  const EventDecl* event = trigger_event(action.target);
  std::vector<std::string> given;
  std::vector<const Ident*> seen;
  for (EmitField& f : action.fields) {
    check_field_once(seen, f.name, fmt::format("field `{}`", f.name.text));
    given.push_back(f.name.text);
    const FieldDecl* decl = nullptr;
    if (event) {
      auto it = std::find_if(event->fields.begin(), event->fields.end(),
                             [&](const FieldDecl& d) { return d.name.text == f.name.text; });
      decl = it == event->fields.end() ? nullptr : &*it;
      if (!decl) {
        std::vector<std::string> names;
        for (const FieldDecl& d : event->fields) names.push_back(d.name.text);
        auto& d = diags_.error(Code::UnknownField, f.name.span,
                               fmt::format("`{}` is not a field of `{}`", f.name.text, event->type.str()));
        d.help = did_you_mean(f.name.text, names);
      }
    }
    if (!f.value) continue;
    Type want = decl ? decl->resolved_type : Type::error();
    want.optional = false;
    types_.expect(*f.value, ctx, want, fmt::format("field `{}`", f.name.text));
  }
  if (!event) return;
  if (!event->global) {
    needs_incident(ctx, action.target.span, diags_, fmt::format("`{}` is an incident's event and cannot be emitted", event->type.str()));
  }
  std::vector<std::string> missing;
  for (const FieldDecl& d : event->fields) {
    if (!d.resolved_type.optional && std::find(given.begin(), given.end(), d.name.text) == given.end()) {
      missing.push_back(fmt::format("`{}`", d.name.text));
    }
  }
  if (!missing.empty()) {
    diags_.error(Code::MissingClause, action.target.span,
                 fmt::format("`emit {}` must give {}", event->type.str(), fmt::join(missing, ", ")));
  }
}

}  // namespace writ::lang::detail
