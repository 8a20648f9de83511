#include "compiler/routine_builder.hpp"

namespace writ::compiler {

RoutineBuilder::RoutineBuilder(std::string name, LowerScope scope, bool record_reads, std::vector<CompileError>& errors)
    : scope_(scope), record_reads_(record_reads), errors_(errors) {
  routine_.name = std::move(name);
}

ir::NodePtr RoutineBuilder::lower(const lang::Expr& e, bool started_is_event) {
  LowerScope scope = scope_;
  scope.started_is_event = started_is_event;
  auto lowered = lower_expr(e, scope);
  if (auto* error = std::get_if<CompileError>(&lowered)) {
    errors_.push_back(*error);
    return ir::make_const(0);
  }
  return std::move(std::get<ir::NodePtr>(lowered));
}

std::uint32_t RoutineBuilder::slots_for(bool is_set) {
  std::uint32_t first = routine_.slot_count;
  routine_.slot_count += is_set ? 2 : 1;
  return first;
}

std::uint32_t RoutineBuilder::test(const lang::Expr* cond, const Guard& guard) {
  ir::Step step;
  step.kind = ir::Step::Kind::Test;
  step.guard = guard;
  step.bit = routine_.bit_count++;
  step.expr = cond ? lower(*cond) : ir::make_const(1);
  routine_.steps.push_back(std::move(step));
  return routine_.steps.back().bit;
}

SlotRef RoutineBuilder::value(const lang::Expr& e, const Guard& guard, bool started_is_event) {
  ir::Step step;
  step.kind = ir::Step::Kind::Value;
  step.guard = guard;
  step.expr = lower(e, started_is_event);
  step.slot = slots_for(step.expr->is_set);
  routine_.steps.push_back(std::move(step));
  LowerScope scope = scope_;
  scope.started_is_event = started_is_event;
  return SlotRef{routine_.steps.back().slot, value_type(e.type), reads_sensitive(e, scope)};
}

SlotRef RoutineBuilder::constant(std::int64_t value, ValueType type) {
  ir::Step step;
  step.kind = ir::Step::Kind::Value;
  step.expr = ir::make_const(value);
  step.slot = slots_for(false);
  routine_.steps.push_back(std::move(step));
  return SlotRef{routine_.steps.back().slot, std::move(type)};
}

void RoutineBuilder::store(RecordSource target, const FieldSlot& field, const lang::Expr& e, const Guard& guard) {
  ir::Step step;
  step.kind = ir::Step::Kind::Assign;
  step.guard = guard;
  step.target = target;
  step.word = field.word;
  step.expr = lower(e);
  routine_.steps.push_back(std::move(step));
}

SlotRef RoutineBuilder::read(RecordSource target, const FieldSlot& field, const Guard& guard) {
  ir::Step step;
  step.kind = ir::Step::Kind::Value;
  step.guard = guard;
  step.expr = ir::make_op(field.is_set() ? ir::Op::LoadSet : ir::Op::Load, field.is_set(), {});
  step.expr->source = target;
  step.expr->word = field.word;
  step.slot = slots_for(field.is_set());
  routine_.steps.push_back(std::move(step));
  return SlotRef{routine_.steps.back().slot, value_type(field.type), field.sensitive};
}

SlotRef RoutineBuilder::assign(RecordSource target, const FieldSlot& field, const lang::Expr& e, const Guard& guard) {
  store(target, field, e, guard);
  SlotRef stored = read(target, field, guard);
  stored.sensitive = stored.sensitive || reads_sensitive(e, scope_);
  return stored;
}

FieldReads RoutineBuilder::reads(const std::vector<const lang::Expr*>& exprs, bool started_is_event) {
  if (!record_reads_) return {};
  LowerScope scope = scope_;
  scope.started_is_event = started_is_event;
  FieldReads out;
  for (const FieldRef& ref : field_reads(exprs, scope)) {
    FieldRead r{ref.name, read(ref.source, *ref.field, {}), std::nullopt};
    if (ref.field->presence_bit >= 0) r.present_slot = present(ref.source, *ref.field);
    out.push_back(std::move(r));
  }
  return out;
}

std::uint32_t RoutineBuilder::present(RecordSource source, const FieldSlot& field) {
  ir::Step step;
  step.kind = ir::Step::Kind::Value;
  step.expr = ir::make_op(ir::Op::Present, false, {});
  step.expr->source = source;
  step.expr->bit = field.presence_bit;
  step.slot = slots_for(false);
  routine_.steps.push_back(std::move(step));
  return routine_.steps.back().slot;
}

MessagePlan RoutineBuilder::message(const lang::Message& m, const Guard& guard) {
  MessagePlan plan;
  for (const lang::MessagePart& part : m.parts) {
    if (part.expr) {
      plan.parts.emplace_back(value(*part.expr, guard));
    } else {
      plan.parts.emplace_back(part.text);
    }
  }
  return plan;
}

ValueType value_type(const lang::Type& type) {
  using K = lang::Type::Kind;
  ValueType out;
  switch (type.kind) {
    case K::Bool: out.kind = ValueType::Kind::Bool; break;
    case K::String: out.kind = ValueType::Kind::String; break;
    case K::Duration: out.kind = ValueType::Kind::Duration; break;
    case K::Time: out.kind = ValueType::Kind::Time; break;
    case K::SetOfString: out.kind = ValueType::Kind::Set; break;
    case K::Enum:
      out.kind = ValueType::Kind::Enum;
      if (type.enum_decl) {
        for (const lang::Ident& v : type.enum_decl->values) out.enum_values.push_back(v.text);
      }
      break;
    default: out.kind = ValueType::Kind::Int; break;
  }
  return out;
}

}  // namespace writ::compiler
