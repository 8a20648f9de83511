#include "compiler/explain.hpp"

#include <algorithm>
#include <tuple>

#include "compiler/explain_impl.hpp"
#include "compiler/policy_hash.hpp"
#include "lang/expr_printer.hpp"
#include "lang/literals.hpp"

namespace writ::compiler {

namespace detail {

ExplainItem note(std::string text) {
  ExplainItem item;
  item.kind = "note";
  item.text = std::move(text);
  return item;
}

std::string clock_text(const Plan& plan, std::int32_t calendar) {
  if (calendar < 0 || static_cast<std::size_t>(calendar) >= plan.calendars.size()) return "wall-clock time";
  return "the open hours of calendar " + plan.calendars[static_cast<std::size_t>(calendar)].name;
}

namespace {

using TK = TriggerStep::Kind;

bool before(const SourceRef& a, const SourceRef& b) {
  return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
}

}  // namespace

std::uint32_t trigger_construct(const Plan& plan, const TriggerStep& t) {
  switch (t.kind) {
    case TK::SlaStart:
    case TK::SlaStop:
    case TK::SlaPause:
    case TK::SlaResume: return plan.slas.at(t.target).construct;
    case TK::LadderStop: return plan.ladders.at(t.target).construct;
    case TK::ObligationAfter:
    case TK::ObligationRequire: return plan.obligations.at(t.target).construct;
    case TK::FreezeAfter: return plan.freezes.at(t.target).construct;
    case TK::MeasureFrom:
    case TK::MeasureTo: return plan.measures.at(t.target).construct;
    case TK::TimerRuleArm: return plan.timer_rules.at(t.target).construct;
  }
  return 0;
}

Explainer::Explainer(const lang::Program& program, const lang::SourceManager& sources, const Plan& plan)
    : program_(program), sources_(sources), plan_(plan) {
  for (const auto& unit : program.units) {
    for (const lang::Module* m : unit->modules) unit_prefix_[m] = unit->name.empty() ? std::string() : unit->name + ".";
  }
  for (const auto& module : program.modules) {
    for (const lang::Decl& decl : module->decls) {
      if (const auto* e = std::get_if<lang::EventDecl>(&decl)) event_decls_.emplace(e->type.str(), e);
    }
  }
  index_clauses();
  index_escalations();
}

void Explainer::index_clauses() {
  clauses_.resize(plan_.constructs.size());
  for (const auto& [type, event] : plan_.events) {
    for (const TriggerStep& t : event.triggers) clauses_.at(trigger_construct(plan_, t)).push_back(&t);
  }
  for (auto& list : clauses_) {
    std::stable_sort(list.begin(), list.end(), [](const TriggerStep* a, const TriggerStep* b) { return before(a->where, b->where); });
  }
}

// Every action block of the Plan, scanned once for `escalate`.
void Explainer::index_escalations() {
  escalations_.resize(plan_.ladders.size());
  auto scan = [&](const std::string& block, const ActionsPlan& actions) {
    for (const ActionPlan& a : actions.actions) {
      if (a.kind != ActionPlan::Kind::Escalate || a.target_index < 0) continue;
      ExplainItem item;
      item.kind = "escalated by";
      item.text = a.text + ", in " + block;
      item.where = a.where;
      escalations_.at(static_cast<std::size_t>(a.target_index)).push_back(std::move(item));
    }
  };
  auto name = [&](std::uint32_t construct) { return plan_.constructs.at(construct).name; };
  for (const auto& [type, event] : plan_.events) {
    for (const RuleStep& r : event.rules) scan("rule " + name(r.construct), r.actions);
  }
  for (const TimerRulePlan& r : plan_.timer_rules) scan("timer rule " + name(r.construct), r.fire);
  for (const SlaPlan& s : plan_.slas) {
    for (const SlaPlan::Warn& w : s.warns) scan("sla " + name(s.construct) + " warn at " + std::to_string(w.percent) + "%", w.actions);
    if (s.breach) scan("sla " + name(s.construct) + " breach", *s.breach);
    if (s.met) scan("sla " + name(s.construct) + " met", *s.met);
  }
  for (const LadderPlan& l : plan_.ladders) {
    for (const LadderPlan::Level& level : l.levels) {
      scan("escalation " + name(l.construct) + " level " + std::to_string(level.number), level.actions);
    }
  }
  for (const ObligationPlan& o : plan_.obligations) {
    if (o.violation) scan("obligation " + name(o.construct) + " violation", *o.violation);
  }
  for (auto& list : escalations_) {
    std::stable_sort(list.begin(), list.end(), [](const ExplainItem& a, const ExplainItem& b) { return before(*a.where, *b.where); });
  }
}

Explanation Explainer::run() const {
  Explanation out;
  out.policy_hash = policy_hash(program_, sources_);
  out.modules = modules();
  out.declarations = declarations();
  out.events = events();
  out.timers = timers();
  return out;
}

std::vector<ExplainItem> Explainer::modules() const {
  std::vector<ExplainItem> out;
  for (const auto& module : program_.modules) {
    ExplainItem item;
    item.kind = "module";
    item.text = sources_.file(module->file).path();
    if (module->header) {
      item.name = module->header->name.text;
      item.text += ": policy " + module->header->name.text;
      if (!module->header->version.empty()) item.text += " version " + lang::quote_string(module->header->version);
      for (const auto& a : module->header->annotations) item.annotations.push_back(lang::annotation_text(a));
    } else {
      item.text += " (no policy header)";
    }
    for (const lang::Import& import : module->imports) {
      ExplainItem line;
      line.kind = "import";
      line.text = "import " + lang::quote_string(import.path);
      line.where = where(import.span);
      item.items.push_back(std::move(line));
    }
    out.push_back(std::move(item));
  }
  return out;
}

SourceRef Explainer::where(const lang::Span& span) const {
  const lang::SourceFile& file = sources_.file(span.file);
  lang::LineCol at = file.line_col(span.begin);
  return SourceRef{file.path(), at.line, at.column};
}

std::string Explainer::unit_prefix(const lang::Module& module) const {
  auto it = unit_prefix_.find(&module);
  return it == unit_prefix_.end() ? std::string() : it->second;
}

ExplainItem Explainer::construct_item(std::uint32_t construct, std::string step) const {
  const ConstructInfo& info = plan_.constructs.at(construct);
  ExplainItem item;
  item.step = std::move(step);
  item.kind = construct_kind_name(info.kind);
  item.name = info.name;
  item.text = info.text;
  item.where = info.where;
  item.annotations = info.annotations;
  return item;
}

std::vector<ExplainItem> action_items(const ActionsPlan& actions) {
  std::vector<ExplainItem> out;
  for (const ActionPlan& a : actions.actions) {
    ExplainItem item;
    item.kind = "action";
    item.text = a.text;
    item.where = a.where;
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace detail

Explanation explain(const lang::Program& program, const lang::SourceManager& sources, const Plan& plan) {
  return detail::Explainer(program, sources, plan).run();
}

}  // namespace writ::compiler
