#include "lang/symbols.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "lang/suggest.hpp"

namespace writ::lang::detail {

namespace {

// Fields every event carries; a schema may not declare them again. `actor` holds `actor.id`
// and `actor.role`, and is the JSON key of an input event's actor.
constexpr std::string_view kBuiltinEventFields[] = {"at", "type", "incident", "id", "actor"};

// The declaration's own name, for the declarations that have one in the unit namespace.
std::optional<std::pair<Symbol, std::string>> symbol_of(Decl& decl) {
  return std::visit(
      [](auto& d) -> std::optional<std::pair<Symbol, std::string>> {
        using T = std::decay_t<decltype(d)>;
        if constexpr (std::is_constructible_v<SymbolDecl, T*>) {
          return std::pair{Symbol{SymbolDecl{&d}, d.name.span}, d.name.text};
        } else {
          return std::nullopt;
        }
      },
      decl);
}

void report_duplicate(Diagnostics& diags, std::string_view what, std::string_view name, Span here, Span first) {
  auto& d = diags.error(Code::DuplicateName, here, fmt::format("{} `{}` is declared twice", what, name));
  d.notes.push_back({first, true, "first declared here"});
}

void add_enum_values(UnitSymbols& unit, EnumDecl& e, Diagnostics& diags) {
  for (std::size_t i = 0; i < e.values.size(); ++i) {
    const Ident& value = e.values[i];
    auto first = std::find_if(e.values.begin(), e.values.begin() + static_cast<long>(i),
                              [&](const Ident& v) { return v.text == value.text; });
    if (first != e.values.begin() + static_cast<long>(i)) {
      report_duplicate(diags, "enum value", value.text, value.span, first->span);
      continue;
    }
    unit.enum_values[value.text].push_back({&e, static_cast<int>(i)});
  }
}

void collect_names(UnitSymbols& unit, Diagnostics& diags) {
  std::map<std::string, Span> tests;
  for (Module* module : unit.unit->modules) {
    for (Decl& decl : module->decls) {
      if (auto* test = std::get_if<TestDecl>(&decl)) {
        auto [it, fresh] = tests.emplace(test->name, test->span);
        if (!fresh) report_duplicate(diags, "test", test->name, test->span, it->second);
        continue;
      }
      auto named = symbol_of(decl);
      if (!named) continue;
      auto& [symbol, name] = *named;
      auto [it, fresh] = unit.names.emplace(name, symbol);
      if (!fresh) {
        auto& d = diags.error(Code::DuplicateName, symbol.name_span,
                              fmt::format("`{}` is already declared as {}", name, symbol_kind_text(it->second)));
        d.notes.push_back({it->second.name_span, true, "first declared here"});
        continue;
      }
      if (auto* e = symbol.get<EnumDecl>()) add_enum_values(unit, *e, diags);
    }
  }
}

std::string field_difference(const EventDecl& a, const EventDecl& b) {
  if (a.global != b.global) return "one is `global` and the other is not";
  if (a.fields.size() != b.fields.size()) {
    return fmt::format("it has {} field(s) here and {} there", a.fields.size(), b.fields.size());
  }
  for (std::size_t i = 0; i < a.fields.size(); ++i) {
    const FieldDecl& x = a.fields[i];
    const FieldDecl& y = b.fields[i];
    if (x.name.text != y.name.text) {
      return fmt::format("field {} is `{}` here and `{}` there", i + 1, x.name.text, y.name.text);
    }
    if (!x.resolved_type.same(y.resolved_type) || x.resolved_type.optional != y.resolved_type.optional) {
      return fmt::format("field `{}` is `{}` here and `{}` there", x.name.text, type_name(x.resolved_type),
                         type_name(y.resolved_type));
    }
  }
  return {};
}

void resolve_event_fields(EventDecl& e, const UnitSymbols& unit, Diagnostics& diags) {
  for (std::size_t i = 0; i < e.fields.size(); ++i) {
    FieldDecl& f = e.fields[i];
    f.resolved_type = resolve_type(f.type, unit, diags);
    if (std::find(std::begin(kBuiltinEventFields), std::end(kBuiltinEventFields), f.name.text) !=
        std::end(kBuiltinEventFields)) {
      diags.error(Code::DuplicateName, f.name.span,
                  fmt::format("`{}` is a field every event already has; choose another name", f.name.text));
      continue;
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (e.fields[j].name.text == f.name.text) {
        report_duplicate(diags, "field", f.name.text, f.name.span, e.fields[j].name.span);
        break;
      }
    }
  }
}

void register_event(ProgramSymbols& symbols, const std::map<const EventDecl*, const Unit*>& owner, EventDecl& e,
                    Diagnostics& diags) {
  std::string type = e.type.str();
  auto [it, fresh] = symbols.events.emplace(type, &e);
  if (fresh) return;
  const EventDecl& first = *it->second;
  if (owner.at(&first) == owner.at(&e)) {
    report_duplicate(diags, "event type", type, e.type.span, first.type.span);
    return;
  }
  std::string difference = field_difference(e, first);
  if (difference.empty()) return;  // the same schema declared by two modules: one vocabulary
  auto& d = diags.error(Code::ConflictingEvent, e.type.span,
                        fmt::format("event type `{}` is declared with different fields in another module", type));
  d.notes.push_back({first.type.span, true, fmt::format("declared here: {}", difference)});
  d.help = "an event type is one vocabulary across modules: declare the same fields, in the same order";
}

void add_record_fields(ProgramSymbols& symbols, StateDecl& s, const UnitSymbols& unit, Diagnostics& diags) {
  auto& fields = s.global ? symbols.global_fields : symbols.state_fields;
  for (StateField& f : s.fields) {
    f.resolved_type = resolve_type(f.type, unit, diags);
    if (f.type.optional) {
      diags.error(Code::TypeMismatch, f.type.span,
                  fmt::format("`{}` cannot be optional: a {} field always has a value", f.name.text,
                              s.global ? "global" : "state"));
      f.resolved_type.optional = false;
    }
    if (!s.global && f.name.text == "opened_at") {
      diags.error(Code::DuplicateName, f.name.span, "`opened_at` is built into the state; choose another name");
      continue;
    }
    auto [it, fresh] = fields.emplace(f.name.text, &f);
    if (!fresh) report_duplicate(diags, s.global ? "global field" : "state field", f.name.text, f.name.span,
                                 it->second->name.span);
  }
}

TableSignature table_signature(const TableDecl& table, const UnitSymbols& unit, Diagnostics& diags) {
  TableSignature sig;
  for (const TypeRef& key : table.key_types) sig.keys.push_back(resolve_type(key, unit, diags));
  sig.value = resolve_type(table.value_type, unit, diags);
  auto refuse_optional = [&](const TypeRef& ref, Type& type) {
    if (!ref.optional) return;
    diags.error(Code::TypeMismatch, ref.span, "a table's key and value types cannot be optional");
    type.optional = false;
  };
  for (std::size_t i = 0; i < sig.keys.size(); ++i) refuse_optional(table.key_types[i], sig.keys[i]);
  refuse_optional(table.value_type, sig.value);
  return sig;
}

// "an SLA" -> "SLA": `wanted` is written with its article for the E0306 message.
std::string_view without_article(std::string_view noun) { return noun.substr(noun.find(' ') + 1); }

std::vector<const Unit*> units_imports_first(const Program& program) {
  if (!program.dependency_order.empty()) return program.dependency_order;
  std::vector<const Unit*> order;
  for (auto it = program.units.rbegin(); it != program.units.rend(); ++it) order.push_back(it->get());
  return order;
}

}  // namespace

std::string_view symbol_kind_text(const Symbol& symbol) {
  constexpr std::string_view kTexts[] = {"an enum",  "a constant",           "a table",      "a calendar",
                                         "a rule",   "a guard",              "an SLA",       "an escalation ladder",
                                         "an obligation", "a freeze", "a measure"};
  static_assert(std::size(kTexts) == std::variant_size_v<SymbolDecl>);
  return kTexts[symbol.decl.index()];
}

const Symbol* UnitSymbols::find(std::string_view name) const {
  auto it = names.find(name);
  return it == names.end() ? nullptr : &it->second;
}

const UnitSymbols* UnitSymbols::imported(std::string_view name) const {
  auto it = imports.find(name);
  return it == imports.end() ? nullptr : it->second;
}

std::vector<std::string> names_where(const UnitSymbols& unit, SymbolFilter accept) {
  std::vector<std::string> out;
  for (const auto& [name, symbol] : unit.names) {
    if (accept(symbol)) out.push_back(name);
  }
  return out;
}

const Symbol* find_symbol(const Path& path, const UnitSymbols& unit) {
  if (path.parts.empty()) return nullptr;
  if (path.parts.size() == 1) return unit.find(path.parts[0].text);
  const UnitSymbols* module = path.parts.size() == 2 ? unit.imported(path.parts[0].text) : nullptr;
  return module ? module->find(path.parts[1].text) : nullptr;
}

const Symbol* resolve_symbol(const Path& path, const UnitSymbols& unit, Diagnostics& diags, SymbolFilter accept,
                             std::string_view wanted) {
  if (path.parts.empty()) return nullptr;  // nothing was written: the parser has reported it
  const UnitSymbols* scope = &unit;
  std::size_t last = path.parts.size() - 1;
  if (path.parts.size() > 2) {
    diags.error(Code::UnknownName, path.span, fmt::format("`{}` does not name {}", path.str(), wanted));
    return nullptr;
  }
  if (last == 1) {
    scope = unit.imported(path.parts[0].text);
    if (!scope) {
      std::vector<std::string> modules;
      for (const auto& [name, _] : unit.imports) modules.push_back(name);
      auto& d = diags.error(Code::UnknownName, path.parts[0].span,
                            fmt::format("no imported policy is named `{}`", path.parts[0].text));
      d.help = did_you_mean(path.parts[0].text, modules);
      return nullptr;
    }
  }
  const Ident& name = path.parts[last];
  const Symbol* symbol = scope->find(name.text);
  if (!symbol) {
    auto& d = diags.error(Code::UnknownName, name.span, fmt::format("no {} is named `{}`", without_article(wanted), name.text));
    d.help = did_you_mean(name.text, names_where(*scope, accept));
    return nullptr;
  }
  if (!accept(*symbol)) {
    diags.error(Code::WrongKindOfName, path.span,
                fmt::format("`{}` is {}, not {}", path.str(), symbol_kind_text(*symbol), wanted));
    return nullptr;
  }
  return symbol;
}

const UnitSymbols& ProgramSymbols::of(const Unit* unit) const {
  for (const auto& u : units) {
    if (u->unit == unit) return *u;
  }
  return *units.front();
}

EventDecl* ProgramSymbols::event(std::string_view type) const {
  auto it = events.find(type);
  return it == events.end() ? nullptr : it->second;
}

EventDecl* ProgramSymbols::resolve_event(const Path& type, Diagnostics& diags) const {
  std::string name = type.str();
  if (EventDecl* e = event(name)) return e;
  std::vector<std::string> known;
  for (const auto& [n, _] : events) known.push_back(n);
  auto& d = diags.error(Code::UnknownEventType, type.span, fmt::format("no event type `{}` is declared", name));
  d.help = did_you_mean(name, known);
  return nullptr;
}

Type resolve_type(const TypeRef& ref, const UnitSymbols& unit, Diagnostics& diags) {
  Type type;
  switch (ref.kind) {
    case TypeRef::Kind::Bool: type = Type::of(Type::Kind::Bool); break;
    case TypeRef::Kind::Int: type = Type::of(Type::Kind::Int); break;
    case TypeRef::Kind::String: type = Type::of(Type::Kind::String); break;
    case TypeRef::Kind::Duration: type = Type::of(Type::Kind::Duration); break;
    case TypeRef::Kind::Time: type = Type::of(Type::Kind::Time); break;
    case TypeRef::Kind::SetOfString: type = Type::of(Type::Kind::SetOfString); break;
    case TypeRef::Kind::Named: {
      if (ref.name.parts.size() == 1 && !unit.find(ref.name.parts[0].text)) {
        // Nothing has this name: a misspelt built-in type is as likely as a misspelt enum.
        const std::string& name = ref.name.parts[0].text;
        std::vector<std::string> types = names_where(unit, is_kind<EnumDecl>);
        for (const char* builtin : {"bool", "int", "string", "duration", "time"}) types.emplace_back(builtin);
        auto& d = diags.error(Code::UnknownName, ref.name.span, fmt::format("no type is named `{}`", name));
        d.help = did_you_mean(name, types);
        return Type::error();
      }
      const Symbol* s = resolve_symbol(ref.name, unit, diags, is_kind<EnumDecl>, "an enum type");
      if (!s) return Type::error();
      type = Type::enumeration(s->get<EnumDecl>());
      break;
    }
  }
  type.optional = ref.optional;
  return type;
}

std::unique_ptr<ProgramSymbols> build_symbols(Program& program, Diagnostics& diags) {
  auto symbols = std::make_unique<ProgramSymbols>();
  for (const auto& unit : program.units) {
    auto u = std::make_unique<UnitSymbols>();
    u->unit = unit.get();
    symbols->units.push_back(std::move(u));
  }
  for (auto& u : symbols->units) collect_names(*u, diags);
  // Imports and table types only once every unit's names are known.
  for (auto& u : symbols->units) {
    for (const auto& [name, imported] : u->unit->imports) u->imports.emplace(name, &symbols->of(imported));
  }
  // Every const and table, a duplicate too, so each is checked in its own unit.
  for (auto& u : symbols->units) {
    for (Module* module : u->unit->modules) {
      for (Decl& decl : module->decls) {
        if (auto* c = std::get_if<ConstDecl>(&decl)) symbols->const_units.emplace(c, u.get());
        if (auto* t = std::get_if<TableDecl>(&decl)) symbols->tables.emplace(t, table_signature(*t, *u, diags));
      }
    }
  }
  std::map<const EventDecl*, const Unit*> owner;
  for (const Unit* unit : units_imports_first(program)) {
    const UnitSymbols& scope = symbols->of(unit);
    for (Module* module : unit->modules) {
      for (Decl& decl : module->decls) {
        if (auto* e = std::get_if<EventDecl>(&decl)) {
          owner.emplace(e, unit);
          resolve_event_fields(*e, scope, diags);
          register_event(*symbols, owner, *e, diags);
        } else if (auto* s = std::get_if<StateDecl>(&decl)) {
          add_record_fields(*symbols, *s, scope, diags);
        } else if (auto* services = std::get_if<ServicesDecl>(&decl)) {
          for (ServiceEdge& edge : services->edges) symbols->service_edges.push_back(&edge);
        }
      }
    }
  }
  return symbols;
}

}  // namespace writ::lang::detail
