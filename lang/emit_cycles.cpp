// Emitted events are processed after the current one; if the events a construct emits
// trigger, directly or through others, the emission of its own trigger type, the engine
// would never finish (E0502). The graph links an event type to the types emitted by what
// runs on it: its rules, the SLAs it starts (warn, breach) or stops (met), the obligations
// it arms (violation), and the ladders these escalate. Timer rules fire once per incident,
// so they cannot loop and are left out.
#include <fmt/format.h>
#include <set>

#include "lang/graph_cycles.hpp"
#include "lang/static_checks.hpp"

namespace writ::lang::detail {

namespace {

class EmitGraphBuilder {
 public:
  explicit EmitGraphBuilder(Graph& graph) : graph_(graph) {}

  void add_unit(const UnitSymbols& unit) {
    for (Module* module : unit.unit->modules) {
      for (const Decl& decl : module->decls) std::visit([&](const auto& d) { add(d, unit); }, decl);
    }
  }

 private:
  void add(const RuleDecl& r, const UnitSymbols& unit) {
    if (!r.delay) add_actions(r.event_type, r.actions, unit, fmt::format("rule `{}`", r.name.text));
  }

  void add(const SlaDecl& s, const UnitSymbols& unit) {
    std::string who = fmt::format("SLA `{}`", s.name.text);
    if (s.start) {
      for (const SlaWarn& warn : s.warns) add_actions(s.start->event_type, warn.actions, unit, who + " (warning)");
      if (s.breach) add_actions(s.start->event_type, s.breach->actions, unit, who + " (breach)");
    }
    if (!s.met) return;
    for (const Trigger& stop : s.stops) add_actions(stop.event_type, s.met->actions, unit, who + " (met)");
  }

  void add(const ObligationDecl& o, const UnitSymbols& unit) {
    if (o.after && o.violation) {
      add_actions(o.after->event_type, o.violation->actions, unit, fmt::format("obligation `{}` (violation)", o.name.text));
    }
  }

  template <class T>
  void add(const T&, const UnitSymbols&) {}

  void add_actions(const Path& trigger, const Actions& actions, const UnitSymbols& unit, const std::string& who) {
    std::set<const EscalationDecl*> seen;
    add_emits(trigger.str(), actions, unit, who, seen);
  }

  void add_emits(const std::string& from, const Actions& actions, const UnitSymbols& unit, const std::string& who,
                 std::set<const EscalationDecl*>& seen) {
    for (const Action& a : actions) {
      if (a.kind == Action::Kind::Emit) {
        std::string to = a.target.str();
        graph_[from].push_back({to, a.span, fmt::format("on `{}`, {} emits `{}`", from, who, to)});
      } else if (a.kind == Action::Kind::Escalate) {
        follow_escalation(from, a.target, unit, who, seen);
      }
    }
  }

  void follow_escalation(const std::string& from, const Path& target, const UnitSymbols& unit, const std::string& who,
                         std::set<const EscalationDecl*>& seen) {
    const Symbol* s = find_symbol(target, unit);
    const EscalationDecl* ladder = s ? s->get<EscalationDecl>() : nullptr;
    if (!ladder || !seen.insert(ladder).second) return;
    const UnitSymbols* scope = target.parts.size() == 2 ? unit.imported(target.parts[0].text) : &unit;
    std::string via = fmt::format("{} through escalation `{}`", who, target.str());
    for (const LadderLevel& level : ladder->levels) add_emits(from, level.actions, *scope, via, seen);
  }

  Graph& graph_;
};

}  // namespace

void check_emit_cycles(const Program& program, const ProgramSymbols& symbols, Diagnostics& diags) {
  Graph graph;
  EmitGraphBuilder builder(graph);
  for (const auto& unit : program.units) builder.add_unit(symbols.of(unit.get()));
  for (const auto& cycle : find_cycles(graph)) {
    auto& d = diags.error(Code::EmitCycle, cycle.back().edge->span,
                          fmt::format("emitted events trigger each other forever: {}", cycle_text(cycle)));
    for (const CycleStep& step : cycle) d.notes.push_back({step.edge->span, true, step.edge->note});
    d.help = "break the loop: emit a different event type, or drop one of these `emit`s";
  }
}

}  // namespace writ::lang::detail
