#pragma once
// The JIT engine behind the Evaluator interface: generates a module for a list of IR
// functions, adds it to a JitSession and calls the native code. The module is removed from
// the session when the evaluator goes.
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "compiler/evaluator.hpp"
#include "compiler/ir.hpp"
#include "compiler/jit_session.hpp"

namespace writ::compiler {

class JitEvaluator final : public Evaluator {
 public:
  // The evaluator, or why code generation or JIT compilation failed. The session must
  // outlive the evaluator.
  static std::variant<std::unique_ptr<JitEvaluator>, std::string> create(JitSession& session,
                                                                         const std::vector<ir::Function>& functions);
  ~JitEvaluator() override;

  std::size_t size() const override { return entry_points_.size(); }
  Value evaluate(std::size_t index, const EvalContext& ctx) override;

 private:
  JitEvaluator(JitSession& session, JitSession::ModuleHandle handle, std::vector<CompiledExpr> entry_points,
               std::vector<bool> set_results);

  JitSession& session_;
  JitSession::ModuleHandle handle_;
  std::vector<CompiledExpr> entry_points_;
  std::vector<bool> set_results_;
};

}  // namespace writ::compiler
