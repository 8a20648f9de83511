#pragma once
// Lowering a checked expression to IR. Reads only what the checker filled in (types, name
// resolutions, call kinds); an expression the checker did not accept, or one this compiler
// cannot yet compile, is a CompileError, never a crash.
#include <map>
#include <string>
#include <variant>

#include "compiler/ir.hpp"
#include "compiler/record_layout.hpp"
#include "compiler/service_dependents.hpp"
#include "compiler/string_table.hpp"
#include "lang/ast.hpp"
#include "lang/source.hpp"

namespace writ::compiler {

struct CompileError {
  lang::Span span;
  std::string message;
};

// Where an expression is evaluated.
struct LowerScope {
  const ProgramLayouts* layouts = nullptr;
  const RecordLayout* event = nullptr;  // the event type being processed; null where none is
  StringTable* strings = nullptr;       // string literals are interned here
  // `started.` is the event being processed (an obligation's deadline computed when its
  // trigger arrives): started fields are read from the event record.
  bool started_is_event = false;
  // The program's service map (service_dependents()), which `dependents(s)` reads; lowering
  // a call of it without one is an error.
  const ServiceDependents* services = nullptr;
  // The program's calendars by index in the Plan, which `business_elapsed` names.
  const std::map<const lang::CalendarDecl*, std::int32_t>* calendars = nullptr;
};

std::variant<ir::NodePtr, CompileError> lower_expr(const lang::Expr& e, const LowerScope& scope);

// The expression as one function named `name`, ready for either engine.
std::variant<ir::Function, CompileError> lower_function(const lang::Expr& e, const LowerScope& scope, std::string name);

}  // namespace writ::compiler
