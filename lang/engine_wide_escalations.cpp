// `escalate` where no incident is at hand (on a global event, in an engine-wide SLA or
// obligation) starts the ladder's engine-wide run (docs/semantics.md, "Engine-wide
// instances"). Its levels then run in no incident, so none of them may read or set the
// state, close the incident or emit an incident's event, nor escalate a ladder that does
// (E0410). Ladders are checked on their own as running in an incident, so this is decided
// here, once every ladder's names are resolved.
#include <fmt/format.h>

#include <optional>
#include <set>

#include "lang/decl_checker.hpp"
#include "lang/state_read.hpp"

namespace writ::lang::detail {

namespace {

// What in a ladder needs an incident, and where.
struct Need {
  Span span;
  std::string what;
};

std::optional<Span> state_read(const Action& a) {
  std::vector<const Expr*> exprs{a.value.get(), a.owner.get(), a.due.get()};
  if (a.message) {
    for (const MessagePart& part : a.message->parts) exprs.push_back(part.expr.get());
  }
  for (const EmitField& f : a.fields) exprs.push_back(f.value.get());
  for (const Expr* e : exprs) {
    if (auto span = first_state_read(e)) return span;
  }
  return std::nullopt;
}

bool sets_state(const Action& a) {
  const auto& parts = a.target.parts;
  return a.kind == Action::Kind::Set && !(parts.size() == 2 && parts.front().text == "global");
}

class LadderNeeds {
 public:
  explicit LadderNeeds(const ProgramSymbols& symbols) : symbols_(symbols) {}

  std::optional<Need> of(const EscalationDecl& ladder, const UnitSymbols& unit) {
    if (!seen_.insert(&ladder).second) return std::nullopt;
    for (const LadderLevel& level : ladder.levels) {
      std::string where = fmt::format("level {} of `{}`", level.number, ladder.name.text);
      if (auto span = first_state_read(level.delay.get())) return Need{*span, where + " reads the state"};
      for (const Action& a : level.actions) {
        if (auto need = of(a, unit, where)) return need;
      }
    }
    if (auto span = first_state_read(ladder.repeat_delay.get())) {
      return Need{*span, fmt::format("the `repeat` of `{}` reads the state", ladder.name.text)};
    }
    return std::nullopt;
  }

 private:
  std::optional<Need> of(const Action& a, const UnitSymbols& unit, const std::string& level) {
    if (auto span = state_read(a)) return Need{*span, level + " reads the state"};
    if (sets_state(a)) return Need{a.target.span, level + " sets the state"};
    if (a.kind == Action::Kind::Close) return Need{a.span, level + " closes the incident"};
    if (a.kind == Action::Kind::Emit) {
      auto it = symbols_.events.find(a.target.str());
      if (it != symbols_.events.end() && !it->second->global) {
        return Need{a.target.span, fmt::format("{} emits `{}`, an incident's event", level, a.target.str())};
      }
    }
    if (a.kind != Action::Kind::Escalate) return std::nullopt;
    const Symbol* s = find_symbol(a.target, unit);
    const EscalationDecl* next = s ? s->get<EscalationDecl>() : nullptr;
    const UnitSymbols* scope = a.target.parts.size() == 2 ? unit.imported(a.target.parts[0].text) : &unit;
    if (!next || !scope) return std::nullopt;
    return of(*next, *scope);
  }

  const ProgramSymbols& symbols_;
  std::set<const EscalationDecl*> seen_;
};

}  // namespace

void DeclChecker::check_engine_wide_escalations() {
  for (const EngineWideEscalation& e : engine_wide_escalations_) {
    const Path& target = e.action->target;
    const UnitSymbols* scope = target.parts.size() == 2 ? e.unit->imported(target.parts[0].text) : e.unit;
    if (!scope) continue;
    auto need = LadderNeeds(symbols_).of(*e.ladder, *scope);
    if (!need) continue;
    auto& d = diags_.error(Code::NeedsIncident, target.span,
                           fmt::format("`escalate {}` in {} starts the ladder in no incident ({}), but {}", target.str(),
                                       e.place, e.why, need->what));
    d.notes.push_back({need->span, true, "this needs an incident"});
    d.help = "escalate a ladder whose levels only notify, open tickets, audit and set `global.` fields";
  }
}

}  // namespace writ::lang::detail
