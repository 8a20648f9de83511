#pragma once
// The Plan builder's internals, shared by its files: plan_builder.cpp (the walk and the
// per-event-type phases), plan_actions.cpp (actions), plan_clocks.cpp (SLAs, ladders,
// obligations, freezes, measures, timer rules).
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "compiler/plan_builder.hpp"
#include "compiler/routine_builder.hpp"
#include "compiler/service_dependents.hpp"
#include "lang/ast.hpp"

namespace writ::compiler::detail {

// The three routines of one event type while they are built.
struct EventBuild {
  EventPlan plan;
  std::unique_ptr<RoutineBuilder> screen, admit, apply;
};

// A declaration with the module it was written in (for name lookups and spans).
struct Located {
  const lang::Module* module;
  const lang::Decl* decl;
};

class PlanBuilder {
 public:
  PlanBuilder(const lang::Program& program, const lang::SourceManager& sources, PlanOptions options);
  std::variant<std::unique_ptr<Plan>, std::vector<CompileError>> build();

 private:
  // plan_builder.cpp
  void index_constructs();
  void index_calendars();
  void build_event_types();
  void screen_phase();
  void admit_phase();
  void apply_phase();
  void initial_values();
  std::uint32_t add_routine(RoutineBuilder& builder);
  std::int32_t add_routine_if_used(std::unique_ptr<RoutineBuilder>& builder);
  EventBuild* event_build(const lang::EventDecl* event);
  RoutineBuilder& phase(EventBuild& e, std::unique_ptr<RoutineBuilder> EventBuild::*which, const char* name);
  std::uint32_t construct_of(const void* decl) const { return construct_index_.at(decl); }
  SourceRef where(const lang::Span& span) const;
  std::string unit_prefix(const lang::Module* module) const;
  LowerScope scope_for(const lang::EventDecl* event) const;
  std::string symbol(const std::string& name);  // unique in the module
  std::unique_ptr<RoutineBuilder> routine(const std::string& name, const lang::EventDecl* event);
  void fail(const lang::Span& span, std::string message);

  // plan_actions.cpp
  ActionPlan lower_action(const lang::Action& a, const lang::Module& module, RoutineBuilder& rb, const Guard& guard);
  ActionsPlan lower_actions(const lang::Actions& actions, const lang::Module& module, RoutineBuilder& rb,
                            const Guard& guard);
  void lower_set(const lang::Action& a, ActionPlan& out, RoutineBuilder& rb, const Guard& guard);
  void lower_emit(const lang::Action& a, ActionPlan& out, RoutineBuilder& rb, const Guard& guard);
  void resolve_target(const lang::Action& a, const lang::Module& module, ActionPlan& out);
  // An action block run by a timer: lowered into `rb`, which then becomes a routine.
  ActionsPlan timer_actions(RoutineBuilder& rb, const lang::Actions& actions, const lang::Module& module,
                            const Guard& guard = {});

  // plan_clocks.cpp
  void build_clocks();
  void sla(const lang::SlaDecl& s, const lang::Module& module);
  void ladder(const lang::EscalationDecl& e, const lang::Module& module);
  void obligation(const lang::ObligationDecl& o, const lang::Module& module);
  void freeze(const lang::FreezeDecl& f);
  void measure(const lang::MeasureDecl& m);
  void timer_rule(const lang::RuleDecl& r, const lang::Module& module);
  void triggers_phase();
  // A clause `on TYPE [when COND]` that `event`'s apply routine evaluates; `duration` is
  // computed when the condition holds. `text` is the clause as TriggerStep::text shows it.
  struct Clause {
    TriggerStep::Kind kind;
    std::uint32_t target;
    const lang::EventDecl* event;
    const lang::Expr* condition;
    lang::Span span;
    const lang::Expr* duration = nullptr;
    bool started_is_event = false;  // `duration` reads `started.` as this event
    std::string text;
  };
  void trigger(const Clause& clause);
  // `keyword TYPE [when COND]`: a clause written with a Trigger.
  void trigger(TriggerStep::Kind kind, const char* keyword, std::uint32_t target, const lang::Trigger& t,
               const lang::Expr* duration = nullptr, bool started_is_event = false);
  std::int32_t calendar_index(const lang::CalendarDecl* calendar) const;

  const lang::Program& program_;
  const lang::SourceManager& sources_;
  PlanOptions options_;
  std::unique_ptr<Plan> plan_;
  ServiceDependents services_;  // what `dependents(s)` reads
  std::vector<CompileError> errors_;
  std::vector<Located> decls_;  // every declaration, in program order
  std::unordered_map<const lang::Module*, const lang::Unit*> unit_of_;
  std::unordered_map<const void*, std::uint32_t> construct_index_;
  // Named targets of `escalate` and `stop`, by unit and name.
  std::map<std::pair<const lang::Unit*, std::string>, std::uint32_t> slas_, ladders_, obligations_;
  std::map<const lang::CalendarDecl*, std::int32_t> calendars_;
  std::map<std::string, EventBuild> events_;
  std::uint32_t next_symbol_ = 0;
};

// Whether an expression reads `started.` (then it is evaluated per running instance).
bool reads_started(const lang::Expr* e);

}  // namespace writ::compiler::detail
