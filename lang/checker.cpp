#include "lang/checker.hpp"

#include <fmt/format.h>

#include "lang/constant_value.hpp"
#include "lang/decl_checker.hpp"
#include "lang/static_checks.hpp"

namespace writ::lang {

namespace detail {

namespace {

// A table key as the author wrote it: only literals (and enum values) are keys.
bool is_key_literal(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::Bool:
    case Expr::Kind::Int:
    case Expr::Kind::String:
    case Expr::Kind::Duration:
    case Expr::Kind::Time: return true;
    case Expr::Kind::Unary: return e.unary_op == UnaryOp::Neg && e.lhs && is_key_literal(*e.lhs);
    case Expr::Kind::Name: return e.resolved.kind == NameKind::EnumValue;
    default: return false;
  }
}

bool same_key(const Expr& a, const Expr& b) {
  if (a.type.is_error() || b.type.is_error() || !a.type.same(b.type)) return false;
  if (a.kind == Expr::Kind::String || b.kind == Expr::Kind::String) {
    return a.kind == b.kind && a.string_value == b.string_value;
  }
  auto x = constant_number(a);
  auto y = constant_number(b);
  return x && y && *x == *y;
}

bool same_keys(const TableRow& a, const TableRow& b) {
  if (a.keys.size() != b.keys.size()) return false;
  for (std::size_t i = 0; i < a.keys.size(); ++i) {
    if (!same_key(*a.keys[i], *b.keys[i])) return false;
  }
  return true;
}

}  // namespace

void DeclChecker::check_unit(const UnitSymbols& unit) {
  unit_ = &unit;
  for (Module* module : unit.unit->modules) {
    for (Decl& decl : module->decls) check_decl(decl);
  }
}

void DeclChecker::check_decl(Decl& decl) {
  std::visit(
      [&](auto& d) {
        using T = std::decay_t<decltype(d)>;
        if constexpr (std::is_same_v<T, ConstDecl>) {
          types_.const_type(d);
        } else if constexpr (std::is_same_v<T, StateDecl>) {
          check_state(d);
        } else if constexpr (std::is_same_v<T, TableDecl>) {
          check_table(d);
        } else if constexpr (std::is_same_v<T, EnumDecl> || std::is_same_v<T, EventDecl> ||
                             std::is_same_v<T, CalendarDecl> || std::is_same_v<T, ServicesDecl>) {
          // Checked with the symbol tables and by the program-wide passes.
        } else {
          check(d);
        }
      },
      decl);
}

void DeclChecker::check_state(StateDecl& s) {
  for (StateField& f : s.fields) {
    if (!f.initial) continue;
    Context ctx = constant_context(*unit_, fmt::format("the initial value of `{}`", f.name.text));
    types_.expect(*f.initial, ctx, f.resolved_type, fmt::format("the initial value of `{}`", f.name.text));
  }
}

void DeclChecker::check_table(TableDecl& t) {
  const TableSignature& sig = symbols_.tables.at(&t);
  Context ctx = constant_context(*unit_, fmt::format("a row of table `{}`", t.name.text));
  const TableRow* otherwise = nullptr;
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    TableRow& row = t.rows[i];
    if (otherwise && !row.otherwise) {
      auto& d = diags_.warning(Code::UnreachableRow, row.span,
                               "this row can never match: `otherwise` above it matches everything");
      d.notes.push_back({otherwise->span, true, "the `otherwise` row"});
      d.help = "move `otherwise` to the end of the table";
    }
    if (row.otherwise) {
      if (otherwise) {
        auto& d = diags_.error(Code::DuplicateClause, row.span, fmt::format("table `{}` has a second `otherwise` row", t.name.text));
        d.notes.push_back({otherwise->span, true, "the first `otherwise` row"});
      }
      otherwise = &row;
    } else {
      check_table_keys(t, row, sig, ctx);
      for (std::size_t j = 0; j < i; ++j) {
        if (!same_keys(t.rows[j], row)) continue;
        auto& d = diags_.error(Code::DuplicateKey, row.span, fmt::format("table `{}` already has a row for this key", t.name.text));
        d.notes.push_back({t.rows[j].span, true, "the earlier row"});
        break;
      }
    }
    if (row.value) types_.expect(*row.value, ctx, sig.value, fmt::format("a value of table `{}`", t.name.text));
  }
  if (!otherwise) {
    auto& d = diags_.error(Code::MissingOtherwise, t.name.span, fmt::format("table `{}` has no `otherwise` row", t.name.text));
    d.help = "add a last row `otherwise => ...` for keys no row lists";
  }
}

void DeclChecker::check_table_keys(TableDecl& t, TableRow& row, const TableSignature& sig, const Context& ctx) {
  if (row.keys.size() != sig.keys.size()) {
    auto keys = [](std::size_t n) { return fmt::format("{} key{}", n, n == 1 ? "" : "s"); };
    auto& d = diags_.error(Code::WrongArgumentCount, row.span,
                           fmt::format("this row gives {}, but table `{}` takes {}", keys(row.keys.size()), t.name.text,
                                       keys(sig.keys.size())));
    if (sig.keys.size() > 1) {
      std::vector<std::string> slots(sig.keys.size(), "KEY");
      d.help = fmt::format("give one key per key type, in parentheses: `({}) => VALUE`", fmt::join(slots, ", "));
    }
    for (auto& key : row.keys) types_.check(*key, ctx);
    return;
  }
  for (std::size_t k = 0; k < row.keys.size(); ++k) {
    Expr& key = *row.keys[k];
    Type got = types_.expect(key, ctx, sig.keys[k], fmt::format("a key of table `{}`", t.name.text));
    if (!got.is_error() && !is_key_literal(key)) {
      diags_.error(Code::NotConstant, key.span, "a table key must be a literal, such as \"acme\", 42 or an enum value");
    }
  }
}

}  // namespace detail

bool check_program(Program& program, Diagnostics& diags, const CheckOptions& options) {
  std::size_t errors_before = diags.error_count();
  if (program.units.empty()) return true;
  auto symbols = detail::build_symbols(program, diags);
  detail::TypeChecker types(*symbols, diags);
  detail::DeclChecker decls(*symbols, types, diags);
  for (const auto& unit : symbols->units) decls.check_unit(*unit);
  decls.check_engine_wide_escalations();
  for (const auto& module : program.modules) {
    for (const Decl& decl : module->decls) {
      if (const auto* calendar = std::get_if<CalendarDecl>(&decl)) {
        detail::check_calendar(*calendar, options.zoneinfo_dir, diags);
      }
    }
  }
  detail::check_classify_conflicts(program, *symbols, diags);
  detail::check_service_graph(*symbols, diags);
  detail::check_emit_cycles(program, *symbols, diags);
  detail::check_annotations(program, options, diags);
  return diags.error_count() == errors_before;
}

}  // namespace writ::lang
