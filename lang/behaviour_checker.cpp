// Constructs that run on one event: classify, rule, permit, guard, suppress, correlate.
// `event.` and `actor.` read that event; `state.` is there unless the event is global.
#include <fmt/format.h>

#include "lang/constant_value.hpp"
#include "lang/decl_checker.hpp"
#include "lang/static_checks.hpp"
#include "lang/suggest.hpp"

namespace writ::lang::detail {

const EventDecl* DeclChecker::trigger_event(const Path& type) {
  return type.parts.empty() ? nullptr : symbols_.resolve_event(type, diags_);
}

void DeclChecker::check_condition(Expr* cond, const Context& ctx, std::string_view what) {
  if (cond) types_.expect(*cond, ctx, Type::of(Type::Kind::Bool), what);
}

void DeclChecker::check_positive_duration(Expr* e, const Context& ctx, std::string_view what) {
  if (!e) return;
  Type t = types_.expect(*e, ctx, Type::of(Type::Kind::Duration), what);
  if (t.is_error()) return;
  if (auto value = constant_number(*e); value && *value <= 0) {
    diags_.error(Code::InvalidValue, e->span, fmt::format("{} must be longer than zero", what));
  }
}

void DeclChecker::check(ClassifyDecl& c) {
  c.event = trigger_event(c.event_type);
  std::string place = fmt::format("classify `{}`", c.field.text);
  Context ctx = event_context(*unit_, c.event, place);
  Type target = Type::error();
  if (may_use_state(ctx, c.field.span, diags_, fmt::format("`state.{}`", c.field.text), "set")) {
    if (auto it = symbols_.state_fields.find(c.field.text); it != symbols_.state_fields.end()) {
      target = it->second->resolved_type;
    } else {
      std::vector<std::string> names;
      for (const auto& [name, _] : symbols_.state_fields) names.push_back(name);
      auto& d = diags_.error(Code::UnknownField, c.field.span, fmt::format("`{}` is not a field of `state`", c.field.text));
      d.help = did_you_mean(c.field.text, names);
    }
  }
  const ClassifyRow* otherwise = nullptr;
  for (ClassifyRow& row : c.rows) {
    if (!row.condition) {
      if (otherwise) {
        auto& d = diags_.error(Code::DuplicateClause, row.span, fmt::format("{} has a second `otherwise` row", place));
        d.notes.push_back({otherwise->span, true, "the first `otherwise` row"});
      }
      otherwise = &row;
    }
    check_condition(row.condition.get(), ctx, "a `when` condition");
    auto scope = types_.assume(row.condition.get(), true);
    if (row.value) types_.expect(*row.value, ctx, target, fmt::format("a value of {}", place));
  }
  if (!otherwise) {
    auto& d = diags_.error(Code::MissingOtherwise, c.field.span, fmt::format("{} has no `otherwise` row", place));
    d.help = "add a last row `otherwise => ...` for events no row matches";
  }
  check_classify_coverage(c, diags_);
}

void DeclChecker::check(RuleDecl& r) {
  r.event = trigger_event(r.event_type);
  Context ctx = event_context(*unit_, r.event, fmt::format("rule `{}`", r.name.text));
  check_positive_duration(r.delay.get(), ctx, "the delay of a timer rule");
  check_condition(r.condition.get(), ctx, "a `when` condition");
  // The actions run only when the condition held, so what it proves present stays present.
  auto scope = types_.assume(r.condition.get(), true);
  check_actions(r.actions, ctx);
}

void DeclChecker::check(PermitDecl& p) {
  p.event = trigger_event(p.event_type);
  Context ctx = event_context(*unit_, p.event, fmt::format("the permit for `{}`", p.event_type.str()));
  check_condition(p.condition.get(), ctx, "a `when` condition");
  check_permit_can_hold(p, diags_);
}

void DeclChecker::check(GuardDecl& g) {
  g.event = trigger_event(g.event_type);
  Context ctx = event_context(*unit_, g.event, fmt::format("guard `{}`", g.name.text));
  check_condition(g.condition.get(), ctx, "a `when` condition");
  auto guard_scope = types_.assume(g.condition.get(), true);
  for (DenyClause& deny : g.denies) {
    check_condition(deny.condition.get(), ctx, "a `deny when` condition");
    auto deny_scope = types_.assume(deny.condition.get(), true);
    types_.check_message(deny.reason, ctx);
  }
}

void DeclChecker::check(SuppressDecl& s) {
  s.event = trigger_event(s.event_type);
  Context ctx = event_context(*unit_, s.event, fmt::format("the suppression of `{}`", s.event_type.str()));
  check_condition(s.condition.get(), ctx, "a `when` condition");
}

void DeclChecker::check(CorrelateDecl& c) {
  c.event = trigger_event(c.event_type);
  Context ctx = event_context(*unit_, c.event, fmt::format("the correlation of `{}`", c.event_type.str()));
  if (c.key) types_.check(*c.key, ctx);
  check_positive_duration(c.window.get(), ctx, "a correlation window");
}

}  // namespace writ::lang::detail
