#pragma once
// The reference evaluator: walks the IR tree. Its arithmetic, comparisons and set operators
// are written here independently of codegen, so the differential tests check one against
// the other; built-ins come from stdlib/builtins.hpp, where each has its one definition.
#include <vector>

#include "compiler/evaluator.hpp"
#include "compiler/ir.hpp"

namespace writ::compiler {

class Interpreter final : public Evaluator {
 public:
  // The functions must outlive the interpreter.
  explicit Interpreter(const std::vector<ir::Function>& functions) : functions_(&functions) {}

  std::size_t size() const override { return functions_->size(); }
  Value evaluate(std::size_t index, const EvalContext& ctx) override;

  // One node, for tests of single operators.
  static Value evaluate_node(const ir::Node& node, const EvalContext& ctx);

 private:
  const std::vector<ir::Function>* functions_;
};

}  // namespace writ::compiler
