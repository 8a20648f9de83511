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

Explainer::Explainer(const lang::Program& program, const lang::SourceManager& sources, const Plan& plan)
    : program_(program), sources_(sources), plan_(plan) {
  for (const auto& unit : program.units) {
    for (const lang::Module* m : unit->modules) unit_prefix_[m] = unit->name.empty() ? std::string() : unit->name + ".";
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

std::vector<const TriggerStep*> Explainer::clauses(const std::function<bool(const TriggerStep&)>& selects) const {
  std::vector<const TriggerStep*> out;
  for (const auto& [type, event] : plan_.events) {
    for (const TriggerStep& t : event.triggers) {
      if (selects(t)) out.push_back(&t);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const TriggerStep* a, const TriggerStep* b) {
    return std::tie(a->where.file, a->where.line, a->where.column) < std::tie(b->where.file, b->where.line, b->where.column);
  });
  return out;
}

}  // namespace detail

Explanation explain(const lang::Program& program, const lang::SourceManager& sources, const Plan& plan) {
  return detail::Explainer(program, sources, plan).run();
}

}  // namespace writ::compiler
