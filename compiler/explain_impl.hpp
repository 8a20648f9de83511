#pragma once
// The explanation's internals, shared by its files: explain.cpp (the whole and the modules),
// explain_declarations.cpp (the Program's data declarations), explain_events.cpp (the
// evaluation order per event type), explain_timers.cpp (the constructs with clocks).
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "compiler/explain.hpp"

namespace writ::compiler::detail {

class Explainer {
 public:
  Explainer(const lang::Program& program, const lang::SourceManager& sources, const Plan& plan);
  Explanation run() const;

 private:
  // explain.cpp
  std::vector<ExplainItem> modules() const;
  SourceRef where(const lang::Span& span) const;
  // `itil.` for a declaration of the imported unit `itil`, "" for the command-line set.
  std::string unit_prefix(const lang::Module& module) const;
  // A construct of the Plan: its text, location and annotations.
  ExplainItem construct_item(std::uint32_t construct, std::string step = {}) const;
  // Indexes, built once so a large policy is explained in linear time.
  void index_clauses();
  void index_escalations();

  // explain_declarations.cpp
  std::vector<ExplainItem> declarations() const;
  ExplainItem declaration_item(const lang::Module& module, const lang::Decl& decl) const;
  ExplainItem table_item(const std::string& name, const lang::TableDecl& table) const;
  ExplainItem calendar_item(const std::string& name, const lang::CalendarDecl& calendar) const;
  ExplainItem field_item(const lang::StateField& field) const;
  // A constant expression, normalized, with its value when it is not a literal.
  std::string constant_text(const lang::Expr& e) const;
  std::optional<std::string> constant_value(const lang::Expr& e) const;

  // explain_events.cpp
  std::vector<ExplainItem> events() const;
  ExplainItem event_item(const EventPlan& event) const;
  ExplainItem admit_stage(const EventPlan& event) const;
  ExplainItem apply_stage(const EventPlan& event) const;
  ExplainItem trigger_item(const TriggerStep& trigger, bool global_event, std::string step) const;
  std::optional<ExplainItem> emitted_item(const EventPlan& event) const;

  // explain_timers.cpp
  std::vector<ExplainItem> timers() const;
  ExplainItem sla_item(std::uint32_t index) const;
  ExplainItem ladder_item(std::uint32_t index) const;
  ExplainItem obligation_item(std::uint32_t index) const;
  ExplainItem timer_rule_item(std::uint32_t index) const;
  ExplainItem freeze_item(std::uint32_t index) const;
  ExplainItem measure_item(std::uint32_t index) const;
  // The clauses of one construct, as items.
  std::vector<ExplainItem> clause_items(std::uint32_t construct) const;

  const lang::Program& program_;
  const lang::SourceManager& sources_;
  const Plan& plan_;
  std::unordered_map<const lang::Module*, std::string> unit_prefix_;
  std::unordered_map<std::string, const lang::EventDecl*> event_decls_;  // the first of each type
  std::vector<std::vector<const TriggerStep*>> clauses_;  // by construct, in source order
  std::vector<std::vector<ExplainItem>> escalations_;     // by ladder: the `escalate` actions starting it
};

// A line that says what the line above it means.
ExplainItem note(std::string text);
// One line per action, in order.
std::vector<ExplainItem> action_items(const ActionsPlan& actions);
// The construct whose clause `t` is.
std::uint32_t trigger_construct(const Plan& plan, const TriggerStep& t);
// What a clock counts on: `wall-clock time`, `the open hours of calendar business`.
std::string clock_text(const Plan& plan, std::int32_t calendar);

}  // namespace writ::compiler::detail
