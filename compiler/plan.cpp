#include "compiler/plan.hpp"

#include <fmt/format.h>

#include "compiler/routine_builder.hpp"

namespace writ::compiler {

std::string SourceRef::text() const { return fmt::format("{}:{}:{}", file, line, column); }

bool MessagePlan::sensitive() const {
  for (const auto& part : parts) {
    if (const auto* slot = std::get_if<SlotRef>(&part); slot && slot->sensitive) return true;
  }
  return false;
}

const char* construct_kind_name(ConstructKind kind) {
  switch (kind) {
    case ConstructKind::Suppress: return "suppress";
    case ConstructKind::Correlate: return "correlate";
    case ConstructKind::Freeze: return "freeze";
    case ConstructKind::Permit: return "permit";
    case ConstructKind::Guard: return "guard";
    case ConstructKind::Classify: return "classify";
    case ConstructKind::Rule: return "rule";
    case ConstructKind::TimerRule: return "timer rule";
    case ConstructKind::Sla: return "sla";
    case ConstructKind::Escalation: return "escalation";
    case ConstructKind::Obligation: return "obligation";
    case ConstructKind::Measure: return "measure";
  }
  return "construct";
}

const EventPlan* Plan::event(const std::string& type) const {
  auto it = events.find(type);
  return it == events.end() ? nullptr : &it->second;
}

ValueType value_type_of(const FieldSlot& field) { return value_type(field.type); }

}  // namespace writ::compiler
