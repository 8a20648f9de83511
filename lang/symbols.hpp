#pragma once
// Symbol tables. Each unit has its own namespace of declarations (reached from other units
// as `policyname.decl`); event schemas, the state and global records and the service map
// are one vocabulary shared by the whole program.
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "lang/ast.hpp"
#include "lang/diagnostic.hpp"
#include "lang/program.hpp"

namespace writ::lang::detail {

using SymbolDecl = std::variant<EnumDecl*, ConstDecl*, TableDecl*, CalendarDecl*, RuleDecl*, GuardDecl*,
                                SlaDecl*, EscalationDecl*, ObligationDecl*, FreezeDecl*, MeasureDecl*>;

struct Symbol {
  SymbolDecl decl;
  Span name_span;

  template <class T>
  T* get() const {
    auto* p = std::get_if<T*>(&decl);
    return p ? *p : nullptr;
  }
};

// "an enum", "a table", "an SLA", ... for messages.
std::string_view symbol_kind_text(const Symbol& symbol);

struct EnumValueRef {
  EnumDecl* decl = nullptr;
  int index = -1;
};

struct UnitSymbols {
  const Unit* unit = nullptr;
  std::map<std::string, Symbol, std::less<>> names;
  // A bare enum value -> every enum of this unit that has it.
  std::map<std::string, std::vector<EnumValueRef>, std::less<>> enum_values;
  std::map<std::string, const UnitSymbols*, std::less<>> imports;

  const Symbol* find(std::string_view name) const;
  const UnitSymbols* imported(std::string_view name) const;
};

using SymbolFilter = bool (*)(const Symbol&);

// `name` or `module.name`, or null; reports nothing.
const Symbol* find_symbol(const Path& path, const UnitSymbols& unit);

// The names of `unit` that pass `accept`, for "did you mean".
std::vector<std::string> names_where(const UnitSymbols& unit, SymbolFilter accept);

// `name` or `module.name`. Nothing of that name: E0301, with a suggestion among the
// symbols `accept` takes; something else: E0306 ("`x` is a table, not <wanted>").
// Returns null after reporting.
const Symbol* resolve_symbol(const Path& path, const UnitSymbols& unit, Diagnostics& diags,
                             SymbolFilter accept, std::string_view wanted);

template <class T>
bool is_kind(const Symbol& s) {
  return s.get<T>() != nullptr;
}

// A table's key and value types, resolved in the table's own unit.
struct TableSignature {
  std::vector<Type> keys;
  Type value;
};

struct ProgramSymbols {
  std::vector<std::unique_ptr<UnitSymbols>> units;  // parallel to Program::units
  std::map<std::string, EventDecl*, std::less<>> events;
  std::map<std::string, StateField*, std::less<>> state_fields;
  std::map<std::string, StateField*, std::less<>> global_fields;
  std::vector<ServiceEdge*> service_edges;
  std::map<const ConstDecl*, const UnitSymbols*> const_units;
  std::map<const TableDecl*, TableSignature> tables;

  const UnitSymbols& of(const Unit* unit) const;
  EventDecl* event(std::string_view type) const;
  // Resolves an event type as written; E0302 with a suggestion when unknown.
  EventDecl* resolve_event(const Path& type, Diagnostics& diags) const;
};

// Builds every table. Reports duplicate names (E0300), conflicting schemas (E0203) and
// unknown field and table types; fills FieldDecl::resolved_type and StateField::resolved_type.
std::unique_ptr<ProgramSymbols> build_symbols(Program& program, Diagnostics& diags);

// The type a TypeRef names in `unit`; E0301/E0306 and the Error type when it names no enum.
Type resolve_type(const TypeRef& ref, const UnitSymbols& unit, Diagnostics& diags);

}  // namespace writ::lang::detail
