#pragma once
// Checks every declaration of a unit: the expressions in the context the language
// reference gives each construct, the actions, and the clauses a construct needs once.
#include <string>
#include <string_view>
#include <vector>

#include "lang/ast.hpp"
#include "lang/check_context.hpp"
#include "lang/diagnostic.hpp"
#include "lang/symbols.hpp"
#include "lang/type_checker.hpp"

namespace writ::lang::detail {

class DeclChecker {
 public:
  DeclChecker(const ProgramSymbols& symbols, TypeChecker& types, Diagnostics& diags)
      : symbols_(symbols), types_(types), diags_(diags) {}

  void check_unit(const UnitSymbols& unit);
  // E0410: `escalate`, where no incident is at hand, of a ladder whose levels need one.
  // Run once every unit is checked, so that the ladders' names are resolved
  // (engine_wide_escalations.cpp).
  void check_engine_wide_escalations();

 private:
  void check_decl(Decl& decl);

  // Data (checker.cpp).
  void check_state(StateDecl& s);
  void check_table(TableDecl& t);
  void check_table_keys(TableDecl& t, TableRow& row, const TableSignature& sig, const Context& ctx);

  // Event-driven constructs (behaviour_checker.cpp).
  void check(ClassifyDecl& c);
  void check(RuleDecl& r);
  void check(PermitDecl& p);
  void check(GuardDecl& g);
  void check(SuppressDecl& s);
  void check(CorrelateDecl& c);
  // Clocks and windows (clock_checker.cpp).
  void check(SlaDecl& s);
  void check(EscalationDecl& e);
  void check(ObligationDecl& o);
  void check(FreezeDecl& f);
  void check(MeasureDecl& m);
  void check_freeze_window(FreezeDecl& f);
  // Test blocks (test_checker.cpp).
  void check(TestDecl& t);
  void check_test_event(TestAt& at);
  void check_test_actor(std::vector<FieldValue>& actor);
  void check_expectation(TestExpect& expect);
  // `state.f == v` and `global.f == v`: a field of that record and a value of its type.
  void check_expected_field(TestExpect& expect, const Context& ctx);

  // Actions (action_checker.cpp).
  void check_actions(Actions& actions, const Context& ctx);
  void check_action(Action& action, const Context& ctx);
  void check_set(Action& action, const Context& ctx);
  void check_emit(Action& action, const Context& ctx);

  // Shared helpers.
  // E0514 when a field named like `name` is among `earlier` (a note at that one); then
  // adds `name` to `earlier`. `what` completes "... is given twice": "field `x`".
  void check_field_once(std::vector<const Ident*>& earlier, const Ident& name, std::string_view what);
  const EventDecl* trigger_event(const Path& type);
  // A bool condition; null conditions are allowed and skipped.
  void check_condition(Expr* cond, const Context& ctx, std::string_view what);
  // A duration that must be longer than zero when its value is known (E0515).
  void check_positive_duration(Expr* e, const Context& ctx, std::string_view what);
  const CalendarDecl* resolve_calendar(const std::optional<Path>& path);

  const ProgramSymbols& symbols_;
  TypeChecker& types_;
  Diagnostics& diags_;
  const UnitSymbols* unit_ = nullptr;
  // The `escalate` actions found where no incident is at hand.
  struct EngineWideEscalation {
    const Action* action;
    const EscalationDecl* ladder;
    const UnitSymbols* unit;  // where the action is written
    std::string place;
    std::string why;  // no_incident_why of its context
  };
  std::vector<EngineWideEscalation> engine_wide_escalations_;
};

}  // namespace writ::lang::detail
