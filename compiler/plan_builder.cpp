#include "compiler/plan_builder.hpp"

#include <fmt/format.h>

#include "compiler/calendar_spec.hpp"
#include "compiler/interpreter.hpp"
#include "compiler/layout_builder.hpp"
#include "compiler/plan_builder_impl.hpp"
#include "compiler/set_arena.hpp"
#include "lang/constant_value.hpp"
#include "lang/expr_printer.hpp"

namespace writ::compiler {

namespace detail {

namespace {

std::string n(const lang::Expr* e) { return e ? lang::normalized_expr_text(*e) : std::string(); }

std::string when(const lang::Expr* cond) { return cond ? " when " + n(cond) : std::string(); }

std::string trigger_text(const lang::Trigger& t) { return t.event_type.str() + when(t.condition.get()); }

struct ConstructText {
  ConstructKind kind;
  std::string name;
  std::string text;
};

std::string obligation_text(const lang::ObligationDecl& o) {
  std::string out = "obligation " + o.name.text + ": ";
  out += o.after ? "after " + trigger_text(*o.after) : "while " + n(o.while_condition.get());
  out += "; require " + o.required_type.str();
  out += o.within ? " within " + n(o.within.get()) : " every " + n(o.every.get());
  if (o.where) out += " where " + n(o.where.get());
  return out;
}

std::string freeze_text(const lang::FreezeDecl& f) {
  std::string out = "freeze " + f.name.text + ": ";
  out += f.after ? "after " + trigger_text(*f.after) + " for " + n(f.duration.get())
                 : "from " + n(f.from.get()) + " to " + n(f.to.get());
  out += "; block ";
  for (std::size_t i = 0; i < f.blocked_types.size(); ++i) out += (i ? ", " : "") + f.blocked_types[i].str();
  if (f.unless) out += " unless " + n(f.unless.get());
  return out;
}

std::string rule_text(const lang::RuleDecl& r) {
  std::string on = r.delay ? n(r.delay.get()) + " after " + r.event_type.str() : r.event_type.str();
  return "rule " + r.name.text + " on " + on + when(r.condition.get());
}

std::string measure_text(const lang::MeasureDecl& m) {
  std::string out = "measure " + m.name.text + " from " + m.from_type.str() + " to " + m.to_type.str();
  if (m.calendar) out += " during " + m.calendar->str();
  if (m.target) out += " target " + n(m.target.get());
  return out;
}

// The kind, display name and canonical text of a behaviour declaration; nullopt for data.
std::optional<ConstructText> construct_text(const lang::Decl& decl) {
  using K = ConstructKind;
  return std::visit(
      [](const auto& d) -> std::optional<ConstructText> {
        using T = std::decay_t<decltype(d)>;
        if constexpr (std::is_same_v<T, lang::SuppressDecl>) {
          return ConstructText{K::Suppress, d.event_type.str(), "suppress " + d.event_type.str() + when(d.condition.get())};
        } else if constexpr (std::is_same_v<T, lang::CorrelateDecl>) {
          return ConstructText{K::Correlate, d.event_type.str(),
                               "correlate " + d.event_type.str() + " by " + n(d.key.get()) + " within " + n(d.window.get())};
        } else if constexpr (std::is_same_v<T, lang::FreezeDecl>) {
          return ConstructText{K::Freeze, d.name.text, freeze_text(d)};
        } else if constexpr (std::is_same_v<T, lang::PermitDecl>) {
          return ConstructText{K::Permit, d.event_type.str(), "permit " + d.event_type.str() + when(d.condition.get())};
        } else if constexpr (std::is_same_v<T, lang::GuardDecl>) {
          return ConstructText{K::Guard, d.name.text, "guard " + d.name.text + " on " + d.event_type.str() + when(d.condition.get())};
        } else if constexpr (std::is_same_v<T, lang::ClassifyDecl>) {
          return ConstructText{K::Classify, d.field.text, "classify " + d.field.text + " on " + d.event_type.str()};
        } else if constexpr (std::is_same_v<T, lang::RuleDecl>) {
          return ConstructText{d.delay ? K::TimerRule : K::Rule, d.name.text, rule_text(d)};
        } else if constexpr (std::is_same_v<T, lang::SlaDecl>) {
          std::string during = d.calendar ? " during " + d.calendar->str() : std::string();
          return ConstructText{K::Sla, d.name.text, "sla " + d.name.text + " within " + n(d.target.get()) + during};
        } else if constexpr (std::is_same_v<T, lang::EscalationDecl>) {
          return ConstructText{K::Escalation, d.name.text, "escalation " + d.name.text};
        } else if constexpr (std::is_same_v<T, lang::ObligationDecl>) {
          return ConstructText{K::Obligation, d.name.text, obligation_text(d)};
        } else if constexpr (std::is_same_v<T, lang::MeasureDecl>) {
          return ConstructText{K::Measure, d.name.text, measure_text(d)};
        } else {
          return std::nullopt;
        }
      },
      decl);
}

}  // namespace

bool reads_started(const lang::Expr* e) {
  if (!e) return false;
  if (e->kind == lang::Expr::Kind::Name && e->resolved.kind == lang::NameKind::StartedField) return true;
  if (e->kind == lang::Expr::Kind::Name && e->resolved.kind == lang::NameKind::Const && e->resolved.constant) {
    return reads_started(e->resolved.constant->value.get());
  }
  if (reads_started(e->lhs.get()) || reads_started(e->rhs.get())) return true;
  for (const auto& item : e->items) {
    if (reads_started(item.get())) return true;
  }
  return false;
}

PlanBuilder::PlanBuilder(const lang::Program& program, const lang::SourceManager& sources, PlanOptions options)
    : program_(program), sources_(sources), options_(options), plan_(std::make_unique<Plan>()), services_(service_dependents(program)) {
  for (const auto& unit : program.units) {
    for (const lang::Module* m : unit->modules) unit_of_[m] = unit.get();
  }
  for (const auto& module : program.modules) {
    for (const lang::Decl& decl : module->decls) decls_.push_back({module.get(), &decl});
  }
}

void PlanBuilder::fail(const lang::Span& span, std::string message) { errors_.push_back({span, std::move(message)}); }

SourceRef PlanBuilder::where(const lang::Span& span) const {
  const lang::SourceFile& file = sources_.file(span.file);
  lang::LineCol at = file.line_col(span.begin);
  return SourceRef{file.path(), at.line, at.column};
}

std::string PlanBuilder::unit_prefix(const lang::Module* module) const {
  auto it = unit_of_.find(module);
  return it == unit_of_.end() || it->second->name.empty() ? std::string() : it->second->name + ".";
}

// Constructs are numbered in program order, which is also the order `explain` lists them.
void PlanBuilder::index_constructs() {
  for (const Located& d : decls_) {
    auto text = construct_text(*d.decl);
    if (!text) continue;
    const void* key = std::visit([](const auto& x) -> const void* { return &x; }, *d.decl);
    construct_index_[key] = static_cast<std::uint32_t>(plan_->constructs.size());
    std::vector<std::string> annotations;
    for (const lang::Annotation& a : lang::decl_annotations(*d.decl)) annotations.push_back(lang::annotation_text(a));
    plan_->constructs.push_back({text->kind, unit_prefix(d.module) + text->name, where(lang::decl_span(*d.decl)), text->text,
                                 std::move(annotations)});
    const lang::Unit* unit = unit_of_.count(d.module) ? unit_of_.at(d.module) : nullptr;
    if (const auto* s = std::get_if<lang::SlaDecl>(d.decl)) slas_[{unit, s->name.text}] = static_cast<std::uint32_t>(slas_.size());
    if (const auto* e = std::get_if<lang::EscalationDecl>(d.decl)) ladders_[{unit, e->name.text}] = static_cast<std::uint32_t>(ladders_.size());
    if (const auto* o = std::get_if<lang::ObligationDecl>(d.decl)) obligations_[{unit, o->name.text}] = static_cast<std::uint32_t>(obligations_.size());
  }
}

void PlanBuilder::index_calendars() {
  for (const Located& d : decls_) {
    const auto* c = std::get_if<lang::CalendarDecl>(d.decl);
    if (!c) continue;
    stdlib::CalendarSpec spec = calendar_spec(*c);
    auto built = stdlib::BusinessCalendar::create(spec);
    if (auto* error = std::get_if<std::string>(&built)) {
      fail(c->zone_span, fmt::format("calendar `{}`: {}", c->name.text, *error));
      continue;
    }
    calendars_[c] = static_cast<std::int32_t>(plan_->calendars.size());
    plan_->calendars.push_back({unit_prefix(d.module) + c->name.text, where(c->span), std::move(spec),
                                std::move(std::get<stdlib::BusinessCalendar>(built))});
  }
}

LowerScope PlanBuilder::scope_for(const lang::EventDecl* event) const {
  LowerScope scope;
  scope.layouts = &plan_->layouts;
  scope.event = event ? plan_->layouts.event(event->type.str()) : nullptr;
  scope.strings = &plan_->strings;
  scope.services = &services_;
  scope.calendars = &calendars_;
  return scope;
}

std::string PlanBuilder::symbol(const std::string& name) {
  std::string out = fmt::format("r{}_{}", next_symbol_++, name);
  for (char& c : out) {
    if (c == '.') c = '_';
  }
  return out;
}

std::unique_ptr<RoutineBuilder> PlanBuilder::routine(const std::string& name, const lang::EventDecl* event) {
  return std::make_unique<RoutineBuilder>(symbol(name), scope_for(event), options_.record_reads, errors_);
}

std::uint32_t PlanBuilder::add_routine(RoutineBuilder& builder) {
  plan_->routines.push_back(builder.finish());
  return static_cast<std::uint32_t>(plan_->routines.size() - 1);
}

std::int32_t PlanBuilder::add_routine_if_used(std::unique_ptr<RoutineBuilder>& builder) {
  if (!builder || builder->empty()) return -1;
  return static_cast<std::int32_t>(add_routine(*builder));
}

void PlanBuilder::build_event_types() {
  for (const Located& d : decls_) {
    const auto* e = std::get_if<lang::EventDecl>(d.decl);
    if (!e) continue;
    std::string type = e->type.str();
    if (events_.count(type)) continue;
    EventBuild& build = events_[type];
    build.plan.type = type;
    build.plan.global = e->global;
    build.plan.layout = plan_->layouts.event(type);
  }
}

EventBuild* PlanBuilder::event_build(const lang::EventDecl* event) {
  if (!event) return nullptr;
  auto it = events_.find(event->type.str());
  return it == events_.end() ? nullptr : &it->second;
}

RoutineBuilder& PlanBuilder::phase(EventBuild& e, std::unique_ptr<RoutineBuilder> EventBuild::*which, const char* name) {
  std::unique_ptr<RoutineBuilder>& slot = e.*which;
  if (!slot) {
    auto scope = scope_for(nullptr);
    scope.event = e.plan.layout;
    slot = std::make_unique<RoutineBuilder>(symbol(std::string(name) + "_" + e.plan.type), scope, options_.record_reads,
                                            errors_);
  }
  return *slot;
}

void PlanBuilder::screen_phase() {
  for (const Located& d : decls_) {
    if (const auto* s = std::get_if<lang::SuppressDecl>(d.decl)) {
      if (EventBuild* e = event_build(s->event)) {
        RoutineBuilder& rb = phase(*e, &EventBuild::screen, "screen");
        FieldReads reads = rb.reads({s->condition.get()});
        e->plan.suppress.push_back({construct_of(s), rb.test(s->condition.get()), std::move(reads)});
      }
    }
  }
  for (const Located& d : decls_) {
    const auto* c = std::get_if<lang::CorrelateDecl>(d.decl);
    if (!c || !c->key) continue;
    EventBuild* e = event_build(c->event);
    if (!e) continue;
    auto window = c->window ? lang::detail::constant_number(*c->window) : std::nullopt;
    if (!window) {
      fail(c->span, "a correlation window must be a constant duration");
      continue;
    }
    RoutineBuilder& rb = phase(*e, &EventBuild::screen, "screen");
    FieldReads reads = rb.reads({c->key.get()});
    e->plan.correlate.push_back({construct_of(c), rb.value(*c->key), *window, std::move(reads)});
  }
}

void PlanBuilder::admit_phase() {
  for (const Located& d : decls_) {
    const auto* f = std::get_if<lang::FreezeDecl>(d.decl);
    if (!f) continue;
    std::uint32_t freeze_index = static_cast<std::uint32_t>(plan_->freezes.size());
    freeze(*f);
    for (const lang::EventDecl* blocked : f->blocked_events) {
      EventBuild* e = event_build(blocked);
      if (!e) continue;
      FreezeCheck check{freeze_index, std::nullopt, {}};
      if (f->unless) {
        RoutineBuilder& rb = phase(*e, &EventBuild::admit, "admit");
        check.reads = rb.reads({f->unless.get()});
        check.unless_bit = rb.test(f->unless.get());
      }
      e->plan.freezes.push_back(check);
    }
  }
  std::map<EventBuild*, std::vector<const lang::Expr*>> permit_conditions;
  for (const Located& d : decls_) {
    const auto* p = std::get_if<lang::PermitDecl>(d.decl);
    EventBuild* e = p ? event_build(p->event) : nullptr;
    if (!e) continue;
    e->plan.has_permits = true;
    e->plan.permits.push_back({construct_of(p), phase(*e, &EventBuild::admit, "admit").test(p->condition.get())});
    permit_conditions[e].push_back(p->condition.get());
  }
  // Admit assigns nothing, so reading the fields after the permits' tests reads what they saw.
  for (auto& [type, e] : events_) {
    auto it = permit_conditions.find(&e);
    if (it != permit_conditions.end()) e.plan.permit_reads = phase(e, &EventBuild::admit, "admit").reads(it->second);
  }
  for (const Located& d : decls_) {
    const auto* g = std::get_if<lang::GuardDecl>(d.decl);
    EventBuild* e = g ? event_build(g->event) : nullptr;
    if (!e) continue;
    RoutineBuilder& rb = phase(*e, &EventBuild::admit, "admit");
    std::vector<const lang::Expr*> conditions{g->condition.get()};
    for (const lang::DenyClause& deny : g->denies) conditions.push_back(deny.condition.get());
    GuardStep step{construct_of(g), {}, rb.reads(conditions)};
    Guard applies;
    if (g->condition) applies.push_back({rb.test(g->condition.get()), true});
    for (const lang::DenyClause& deny : g->denies) {
      DenyStep ds;
      ds.where = where(deny.span);
      ds.text = "deny when " + n(deny.condition.get()) + " because " + lang::normalized_message_text(deny.reason);
      ds.bit = rb.test(deny.condition.get(), applies);
      ds.reason = rb.message(deny.reason, {{ds.bit, true}});
      step.denies.push_back(std::move(ds));
    }
    e->plan.guards.push_back(std::move(step));
  }
}

void PlanBuilder::apply_phase() {
  for (const Located& d : decls_) {
    const auto* c = std::get_if<lang::ClassifyDecl>(d.decl);
    EventBuild* e = c ? event_build(c->event) : nullptr;
    if (!e) continue;
    const FieldSlot* field = plan_->layouts.state.find(c->field.text);
    if (!field) {
      fail(c->field.span, fmt::format("`{}` is not a state field", c->field.text));
      continue;
    }
    RoutineBuilder& rb = phase(*e, &EventBuild::apply, "apply");
    ClassifyStep step{construct_of(c), c->field.text, {}, {}, {}};
    std::vector<const lang::Expr*> read;
    for (const lang::ClassifyRow& row : c->rows) read.insert(read.end(), {row.condition.get(), row.value.get()});
    step.reads = rb.reads(read);
    bool sensitive_row = false;
    Guard none_before;
    for (const lang::ClassifyRow& row : c->rows) {
      std::string text = (row.condition ? "when " + n(row.condition.get()) : std::string("otherwise")) + " => " + n(row.value.get());
      std::uint32_t bit = rb.test(row.condition.get(), none_before);
      if (row.value) rb.store(RecordSource::State, *field, *row.value, {{bit, true}});
      sensitive_row = sensitive_row || (row.value && reads_sensitive(*row.value, rb.scope()));
      step.rows.push_back({where(row.span), text, bit});
      none_before.push_back({bit, false});
    }
    // `otherwise` is required, so some row matched: the field now holds its value.
    step.value = rb.read(RecordSource::State, *field, {});
    step.value.sensitive = step.value.sensitive || sensitive_row;
    e->plan.classify.push_back(std::move(step));
  }
  for (const Located& d : decls_) {
    const auto* r = std::get_if<lang::RuleDecl>(d.decl);
    if (!r || r->delay) continue;
    EventBuild* e = event_build(r->event);
    if (!e) continue;
    RoutineBuilder& rb = phase(*e, &EventBuild::apply, "apply");
    FieldReads reads = rb.reads({r->condition.get()});
    RuleStep step{construct_of(r), rb.test(r->condition.get()), {}, std::move(reads)};
    step.actions = lower_actions(r->actions, *d.module, rb, {{step.bit, true}});
    e->plan.rules.push_back(std::move(step));
  }
  triggers_phase();
}

void PlanBuilder::initial_values() {
  SetArena arena;
  StringTable& strings = plan_->strings;
  EvalContext ctx{nullptr, nullptr, nullptr, nullptr, 0, &strings, &arena};
  for (const Located& d : decls_) {
    const auto* s = std::get_if<lang::StateDecl>(d.decl);
    if (!s) continue;
    const RecordLayout& layout = s->global ? plan_->layouts.global : plan_->layouts.state;
    auto& out = s->global ? plan_->global_initial : plan_->state_initial;
    for (const lang::StateField& f : s->fields) {
      const FieldSlot* field = layout.find(f.name.text);
      if (!field || !f.initial) continue;
      auto lowered = lower_expr(*f.initial, scope_for(nullptr));
      if (auto* error = std::get_if<CompileError>(&lowered)) {
        errors_.push_back(*error);
        continue;
      }
      Value v = Interpreter::evaluate_node(*std::get<ir::NodePtr>(lowered), ctx);
      out.push_back({field, v.scalar, v.set});
    }
  }
}

std::variant<std::unique_ptr<Plan>, std::vector<CompileError>> PlanBuilder::build() {
  plan_->layouts = build_layouts(program_);
  index_constructs();
  index_calendars();
  build_event_types();
  initial_values();
  screen_phase();
  admit_phase();
  apply_phase();
  build_clocks();
  for (auto& [type, e] : events_) {
    e.plan.screen = add_routine_if_used(e.screen);
    e.plan.admit = add_routine_if_used(e.admit);
    e.plan.apply = add_routine_if_used(e.apply);
    for (RuleStep& rule : e.plan.rules) rule.actions.routine = e.plan.apply;
    plan_->events.emplace(type, std::move(e.plan));
  }
  if (!errors_.empty()) return std::move(errors_);
  return std::move(plan_);
}

}  // namespace detail

std::variant<std::unique_ptr<Plan>, std::vector<CompileError>> build_plan(const lang::Program& program,
                                                                          const lang::SourceManager& sources,
                                                                          PlanOptions options) {
  return detail::PlanBuilder(program, sources, options).build();
}

}  // namespace writ::compiler
