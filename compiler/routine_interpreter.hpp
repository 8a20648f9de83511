#pragma once
// The reference engine for routines: runs each step in order, evaluating its expression with
// the expression interpreter, and writes bits, slots and records as the generated code does
// (docs/semantics.md, "Routines").
#include <vector>

#include "compiler/routine.hpp"

namespace writ::compiler {

class RoutineInterpreter final : public RoutineEvaluator {
 public:
  // The routines must outlive the interpreter. Throws std::invalid_argument for a malformed
  // routine (routine_check.hpp): a compiler bug, reported rather than run.
  explicit RoutineInterpreter(const std::vector<ir::Routine>& routines);

  std::size_t size() const override { return routines_->size(); }
  // A set a step writes goes into `ctx.arena` (a constant one is written as a pointer to the
  // routine's own copy), so the caller clears the arena only after it has copied what it
  // keeps (Record::adopt_sets).
  void run(std::size_t index, const EvalContext& ctx, std::uint64_t* bits, std::int64_t* slots) override;

 private:
  const std::vector<ir::Routine>* routines_;
};

}  // namespace writ::compiler
