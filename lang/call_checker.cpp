// Calls: tables used as functions and the built-ins, part of the TypeChecker.
#include <fmt/format.h>

#include "lang/builtins.hpp"
#include "lang/suggest.hpp"
#include "lang/type_checker.hpp"

namespace writ::lang::detail {

namespace {

using K = Type::Kind;

std::string argument_text(std::size_t index, std::size_t count, std::string_view callee) {
  if (count == 1) return fmt::format("the argument of `{}`", callee);
  return fmt::format("argument {} of `{}`", index + 1, callee);
}

std::string plural(std::size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

}  // namespace

Type TypeChecker::check_call(Expr& e, const Context& ctx, const Type* expected) {
  const Path& callee = e.name;
  if (callee.parts.empty()) return Type::error();
  if (callee.parts.size() == 1) {
    const std::string& name = callee.parts[0].text;
    const Symbol* s = ctx.unit->find(name);
    if (s && s->get<TableDecl>()) return check_table_call(e, ctx, *s->get<TableDecl>());
    if (const Builtin* b = find_builtin(name)) return check_builtin(e, ctx, *b, expected);
    if (s) {
      diags_.error(Code::WrongKindOfName, callee.span,
                   fmt::format("`{}` is {}, not a table or a built-in function", name, symbol_kind_text(*s)));
    } else {
      std::vector<std::string> candidates = builtin_names();
      for (auto& table : names_where(*ctx.unit, is_kind<TableDecl>)) candidates.push_back(table);
      auto& d = diags_.error(Code::UnknownName, callee.span, fmt::format("no table or built-in function is named `{}`", name));
      d.help = did_you_mean(name, candidates);
    }
  } else if (const Symbol* s = resolve_symbol(callee, *ctx.unit, diags_, is_kind<TableDecl>, "a table")) {
    return check_table_call(e, ctx, *s->get<TableDecl>());
  }
  for (auto& arg : e.items) check(*arg, ctx);
  return Type::error();
}

Type TypeChecker::check_table_call(Expr& e, const Context& ctx, TableDecl& table) {
  e.call_kind = CallKind::Table;
  e.table = &table;
  const TableSignature& sig = symbols_.tables.at(&table);
  std::string name = e.name.str();
  if (e.items.size() != sig.keys.size()) {
    auto& d = diags_.error(Code::WrongArgumentCount, e.span,
                           fmt::format("`{}` takes {}, but {} given", name, plural(sig.keys.size(), "key"),
                                       e.items.size() == 1 ? "1 is" : fmt::format("{} are", e.items.size())));
    std::vector<std::string> keys;
    for (const Type& key : sig.keys) keys.push_back(type_name(key));
    d.help = fmt::format("call it as {}({})", name, fmt::join(keys, ", "));
    for (auto& arg : e.items) check(*arg, ctx);
    return sig.value;
  }
  for (std::size_t i = 0; i < sig.keys.size(); ++i) {
    std::string what = sig.keys.size() == 1 ? fmt::format("the key of `{}`", name)
                                            : fmt::format("key {} of `{}`", i + 1, name);
    expect(*e.items[i], ctx, sig.keys[i], what);
  }
  return sig.value;
}

Type TypeChecker::check_builtin(Expr& e, const Context& ctx, const Builtin& builtin, const Type* expected) {
  e.call_kind = builtin.kind;
  std::size_t count = builtin.params.size();
  if (e.items.size() != count) {
    auto& d = diags_.error(Code::WrongArgumentCount, e.span,
                           fmt::format("`{}` takes {}, but {} given", builtin.name, plural(count, "argument"),
                                       e.items.size() == 1 ? "1 is" : fmt::format("{} are", e.items.size())));
    d.help = fmt::format("call it as {}", builtin.usage);
    for (auto& arg : e.items) check(*arg, ctx);
    return builtin.result ? Type::of(*builtin.result) : Type::error();
  }
  std::optional<Type> orderable;
  for (std::size_t i = 0; i < count; ++i) {
    Expr& arg = *e.items[i];
    std::string what = argument_text(i, count, builtin.name);
    switch (builtin.params[i]) {
      case ParamKind::String: expect(arg, ctx, Type::of(K::String), what); break;
      case ParamKind::SetOfString: expect(arg, ctx, Type::of(K::SetOfString), what); break;
      case ParamKind::Time: expect(arg, ctx, Type::of(K::Time), what); break;
      case ParamKind::OptionalField: arg.type = check_has(arg, ctx); break;
      case ParamKind::Calendar: check_calendar_arg(e, arg, ctx); break;
      case ParamKind::Orderable:
        if (orderable) {
          // The first argument decides the type; when it is in error, the rest is only checked.
          if (orderable->is_error()) {
            check(arg, ctx);
          } else {
            expect(arg, ctx, *orderable, what);
          }
          break;
        }
        orderable = check(arg, ctx, expected);
        if (!orderable->is_error() && orderable->kind != K::Int && orderable->kind != K::Duration &&
            orderable->kind != K::Time) {
          diags_.error(Code::TypeMismatch, arg.span,
                       fmt::format("`{}` takes ints, durations or times, not `{}`", builtin.name, type_name(*orderable)));
          orderable = Type::error();
        }
        break;
    }
  }
  if (builtin.result) return Type::of(*builtin.result);
  return orderable ? *orderable : Type::error();
}

Type TypeChecker::check_has(Expr& arg, const Context& ctx) {
  if (arg.kind != Expr::Kind::Name) {
    check(arg, ctx);
    diags_.error(Code::HasNeedsOptional, arg.span, "`has` tests an optional field, as in `has(event.expires)`");
    return Type::error();
  }
  Type t = check_name(arg, ctx, nullptr, true);
  if (!t.is_error() && !t.optional) {
    auto& d = diags_.error(Code::HasNeedsOptional, arg.span,
                           fmt::format("`{}` is always present: `has` tests optional fields", arg.name.str()));
    d.help = "a field is optional when its type is written with `?`, as in `expires: time?`";
  }
  return t;
}

void TypeChecker::check_calendar_arg(Expr& call, Expr& arg, const Context& ctx) {
  if (arg.kind != Expr::Kind::Name) {
    check(arg, ctx);
    diags_.error(Code::TypeMismatch, arg.span, "the third argument of `business_elapsed` must name a calendar");
    arg.type = Type::error();
    return;
  }
  const Symbol* s = resolve_symbol(arg.name, *ctx.unit, diags_, is_kind<CalendarDecl>, "a calendar");
  arg.type = s ? Type::of(K::Calendar) : Type::error();
  if (s) call.calendar = s->get<CalendarDecl>();
}

}  // namespace writ::lang::detail
