#pragma once
// Builds one ir::Routine step by step while the Plan is assembled: lowers each expression in
// the routine's scope and hands out the bits and slots the Plan then refers to.
#include <optional>
#include <string>
#include <vector>

#include "compiler/field_reads.hpp"
#include "compiler/lower_expr.hpp"
#include "compiler/plan.hpp"
#include "compiler/routine.hpp"

namespace writ::compiler {

using Guard = std::vector<ir::BitTest>;

class RoutineBuilder {
 public:
  // Lowering failures are appended to `errors`; the builder goes on so one run reports all.
  // `record_reads`: reads() copies fields (PlanOptions::record_reads); otherwise it adds nothing.
  RoutineBuilder(std::string name, LowerScope scope, bool record_reads, std::vector<CompileError>& errors);

  // A bit that is 1 when `guard` holds and `cond` is true (or there is no `cond`).
  std::uint32_t test(const lang::Expr* cond, const Guard& guard = {});
  // The value of `e` when `guard` holds, else zero. `started_is_event`: see LowerScope.
  SlotRef value(const lang::Expr& e, const Guard& guard = {}, bool started_is_event = false);
  // A constant, for values a construct leaves out (a ladder level without a delay).
  SlotRef constant(std::int64_t value, ValueType type);
  // Stores `e` in `field` of the state or global record when `guard` holds.
  void store(RecordSource target, const FieldSlot& field, const lang::Expr& e, const Guard& guard);
  // The field's value at this point of the routine, when `guard` holds (for audit records).
  SlotRef read(RecordSource target, const FieldSlot& field, const Guard& guard);
  // store, then read: the value a `set` action stored, sensitive when the field or `e` is.
  SlotRef assign(RecordSource target, const FieldSlot& field, const lang::Expr& e, const Guard& guard);
  // Copies, at this point of the routine and whatever the guards, every field `exprs` read
  // (field_reads()), for the audit record of the construct they are the conditions of. Empty
  // when the builder does not record reads.
  FieldReads reads(const std::vector<const lang::Expr*>& exprs, bool started_is_event = false);
  // Each hole of a message as a slot.
  MessagePlan message(const lang::Message& m, const Guard& guard);

  const LowerScope& scope() const { return scope_; }
  bool empty() const { return routine_.steps.empty(); }
  ir::Routine finish() { return std::move(routine_); }

 private:
  ir::NodePtr lower(const lang::Expr& e, bool started_is_event = false);
  std::uint32_t slots_for(bool is_set);
  // A slot holding 1 when optional `field` of `source` is present.
  std::uint32_t present(RecordSource source, const FieldSlot& field);

  ir::Routine routine_;
  LowerScope scope_;
  bool record_reads_;
  std::vector<CompileError>& errors_;
};

// How values of a checked type print.
ValueType value_type(const lang::Type& type);

}  // namespace writ::compiler
