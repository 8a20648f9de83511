#pragma once
// Test helper: checks a policy text and lowers the expressions of its rules (each `when`
// condition, then each `set` value) to IR functions, in source order, each in the scope of
// its rule's event type. What the compiler tests and the differential test run.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/layout_builder.hpp"
#include "compiler/lower_expr.hpp"
#include "tests/support/checked_program.hpp"

namespace writ::test {

struct CompiledPolicy {
  std::unique_ptr<CheckedProgram> checked;
  compiler::ProgramLayouts layouts;
  compiler::StringTable strings;
  compiler::ServiceDependents services;
  std::vector<compiler::ir::Function> functions;
  std::vector<std::string> event_types;  // per function: the event type it reads
  std::optional<compiler::CompileError> error;
};

inline std::unique_ptr<CompiledPolicy> compile_rules(const std::string& text) {
  auto policy = std::make_unique<CompiledPolicy>();
  policy->checked = check_text(text);
  if (!policy->checked->ok) return policy;
  policy->layouts = compiler::build_layouts(policy->checked->program);
  policy->services = compiler::service_dependents(policy->checked->program);
  for (const auto& module : policy->checked->program.modules) {
    for (const lang::Decl& decl : module->decls) {
      const auto* rule = std::get_if<lang::RuleDecl>(&decl);
      if (!rule || !rule->event) continue;
      std::string type = rule->event->type.str();
      compiler::LowerScope scope{&policy->layouts, policy->layouts.event(type), &policy->strings};
      scope.services = &policy->services;
      std::vector<std::pair<std::string, const lang::Expr*>> exprs;
      if (rule->condition) exprs.emplace_back(rule->name.text + "_when", rule->condition.get());
      for (std::size_t i = 0; i < rule->actions.size(); ++i) {
        const lang::Action& action = rule->actions[i];
        if (action.kind == lang::Action::Kind::Set && action.value) {
          exprs.emplace_back(rule->name.text + "_set" + std::to_string(i), action.value.get());
        }
      }
      for (auto& [name, expr] : exprs) {
        auto lowered = compiler::lower_function(*expr, scope, name);
        if (auto* error = std::get_if<compiler::CompileError>(&lowered)) {
          policy->error = *error;
          return policy;
        }
        policy->functions.push_back(std::move(std::get<compiler::ir::Function>(lowered)));
        policy->event_types.push_back(type);
      }
    }
  }
  return policy;
}

}  // namespace writ::test
