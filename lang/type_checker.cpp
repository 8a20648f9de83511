#include "lang/type_checker.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "lang/builtins.hpp"
#include "lang/suggest.hpp"

namespace writ::lang::detail {

namespace {

using K = Type::Kind;

bool is_orderable(const Type& t) {
  return t.kind == K::Int || t.kind == K::Duration || t.kind == K::Time || t.kind == K::Enum;
}

bool is_ordering(BinaryOp op) {
  return op == BinaryOp::Lt || op == BinaryOp::Le || op == BinaryOp::Gt || op == BinaryOp::Ge;
}

// The result of an arithmetic operator on two operand kinds, per the reference's table.
std::optional<K> arithmetic_result(BinaryOp op, K a, K b) {
  struct Row {
    BinaryOp op;
    K a, b, result;
  };
  static constexpr Row kRows[] = {
      {BinaryOp::Add, K::Int, K::Int, K::Int},          {BinaryOp::Add, K::Duration, K::Duration, K::Duration},
      {BinaryOp::Add, K::Time, K::Duration, K::Time},   {BinaryOp::Add, K::Duration, K::Time, K::Time},
      {BinaryOp::Sub, K::Int, K::Int, K::Int},          {BinaryOp::Sub, K::Duration, K::Duration, K::Duration},
      {BinaryOp::Sub, K::Time, K::Duration, K::Time},   {BinaryOp::Sub, K::Time, K::Time, K::Duration},
      {BinaryOp::Mul, K::Int, K::Int, K::Int},          {BinaryOp::Mul, K::Duration, K::Int, K::Duration},
      {BinaryOp::Mul, K::Int, K::Duration, K::Duration}, {BinaryOp::Div, K::Int, K::Int, K::Int},
      {BinaryOp::Div, K::Duration, K::Int, K::Duration}, {BinaryOp::Div, K::Duration, K::Duration, K::Int},
      {BinaryOp::Mod, K::Int, K::Int, K::Int},          {BinaryOp::Mod, K::Duration, K::Duration, K::Duration},
  };
  for (const Row& row : kRows) {
    if (row.op == op && row.a == a && row.b == b) return row.result;
  }
  return std::nullopt;
}

std::string_view arithmetic_help(BinaryOp op) {
  switch (op) {
    case BinaryOp::Add: return "`+` adds two ints, two durations, or a duration to a time";
    case BinaryOp::Sub: return "`-` subtracts ints, durations, a duration from a time, or two times";
    case BinaryOp::Mul: return "`*` multiplies ints, or a duration by an int";
    case BinaryOp::Div: return "`/` divides ints, a duration by an int, or two durations";
    default: return "`%` takes two ints or two durations";
  }
}

// Optional fields that `e` proves present when it evaluates to `truth`.
void collect_present(const Expr& e, bool truth, std::vector<std::string>& out) {
  if (e.kind == Expr::Kind::Call && e.call_kind == CallKind::Has && truth && e.items.size() == 1 &&
      e.items[0]->kind == Expr::Kind::Name && !e.items[0]->type.is_error()) {
    out.push_back(e.items[0]->name.str());
  } else if (e.kind == Expr::Kind::Unary && e.unary_op == UnaryOp::Not && e.lhs) {
    collect_present(*e.lhs, !truth, out);
  } else if (e.kind == Expr::Kind::Binary && e.lhs && e.rhs &&
             ((e.binary_op == BinaryOp::And && truth) || (e.binary_op == BinaryOp::Or && !truth))) {
    collect_present(*e.lhs, truth, out);
    collect_present(*e.rhs, truth, out);
  }
}

}  // namespace

TypeChecker::Assumption TypeChecker::assume(const Expr* cond, bool truth) {
  Assumption scope(present_, present_.size());
  if (cond) collect_present(*cond, truth, present_);
  return scope;
}

Type TypeChecker::check(Expr& e, const Context& ctx, const Type* expected) {
  Type t;
  switch (e.kind) {
    case Expr::Kind::Set: t = check_set(e, ctx); break;
    case Expr::Kind::Name: t = check_name(e, ctx, expected, false); break;
    case Expr::Kind::Call: t = check_call(e, ctx, expected); break;
    case Expr::Kind::Unary: t = check_unary(e, ctx); break;
    case Expr::Kind::Binary: t = check_binary(e, ctx); break;
    case Expr::Kind::If: t = check_if(e, ctx, expected); break;
    default: t = check_literal(e); break;
  }
  e.type = t;
  return t;
}

Type TypeChecker::expect(Expr& e, const Context& ctx, const Type& want, std::string_view what) {
  Type got = check(e, ctx, &want);
  if (got.is_error() || want.is_error() || got.same(want)) return got;
  auto& d = diags_.error(Code::TypeMismatch, e.span,
                         fmt::format("{} must be `{}`, not `{}`", what, type_name(want), type_name(got)));
  d.help = literal_hint(e, want);
  return Type::error();
}

// Literals of the wrong kind that are one keystroke from right: `"P1"` for an enum value,
// `4` for a duration.
std::string TypeChecker::literal_hint(const Expr& e, const Type& want) {
  if (want.kind == K::Enum && want.enum_decl && e.kind == Expr::Kind::String) {
    for (const Ident& value : want.enum_decl->values) {
      if (value.text == e.string_value) return fmt::format("an enum value is written without quotes: `{}`", value.text);
    }
  }
  if (want.kind == K::Duration && e.kind == Expr::Kind::Int) {
    return fmt::format("a duration is written with its unit, as in `{0}m` or `{0}h`", e.int_value);
  }
  return {};
}

void TypeChecker::check_message(Message& message, const Context& ctx) {
  for (MessagePart& part : message.parts) {
    if (part.expr) check(*part.expr, ctx);
  }
}

Type TypeChecker::const_type(ConstDecl& c) {
  auto [it, fresh] = consts_.try_emplace(&c, ConstState::Checking, Type::error());
  if (!fresh) {
    if (it->second.first == ConstState::Checking) {
      auto& d = diags_.error(Code::NotConstant, c.name.span,
                             fmt::format("the constant `{}` is defined in terms of itself", c.name.text));
      // Each constant on the loop was entered from a use in the one before it.
      auto first = std::find(const_stack_.begin(), const_stack_.end(), &c);
      std::size_t from = static_cast<std::size_t>(first - const_stack_.begin());
      std::size_t depth = const_stack_.size() - from;
      if (first != const_stack_.end() && const_uses_.size() >= depth) {
        for (std::size_t j = from; j < const_stack_.size(); ++j) {
          const ConstDecl* next = j + 1 < const_stack_.size() ? const_stack_[j + 1] : &c;
          Span use = const_uses_[const_uses_.size() - (const_stack_.size() - j)];
          d.notes.push_back({use, true, fmt::format("`{}` uses `{}`", const_stack_[j]->name.text, next->name.text)});
        }
      }
      it->second = {ConstState::Done, Type::error()};
    }
    return it->second.second;
  }
  const_stack_.push_back(&c);
  Type t = Type::error();
  if (c.value) {
    // A constant is typed on its own: facts about the expression that uses it do not apply.
    std::vector<std::string> outer;
    outer.swap(present_);
    Context ctx = constant_context(*symbols_.const_units.at(&c), fmt::format("the constant `{}`", c.name.text));
    t = check(*c.value, ctx);
    present_.swap(outer);
  }
  const_stack_.pop_back();
  it = consts_.find(&c);
  if (it->second.first == ConstState::Checking) it->second = {ConstState::Done, t};
  return it->second.second;
}

Type TypeChecker::check_literal(Expr& e) {
  switch (e.kind) {
    case Expr::Kind::Bool: return Type::of(K::Bool);
    case Expr::Kind::Int: return Type::of(K::Int);
    case Expr::Kind::String: return Type::of(K::String);
    case Expr::Kind::Duration: return Type::of(K::Duration);
    default: return Type::of(K::Time);
  }
}

Type TypeChecker::check_set(Expr& e, const Context& ctx) {
  for (std::size_t i = 0; i < e.items.size(); ++i) {
    Expr& item = *e.items[i];
    expect(item, ctx, Type::of(K::String), "a set element");
    if (item.kind != Expr::Kind::String) continue;
    for (std::size_t j = 0; j < i; ++j) {
      const Expr& earlier = *e.items[j];
      if (earlier.kind == Expr::Kind::String && earlier.string_value == item.string_value) {
        auto& d = diags_.error(Code::DuplicateKey, item.span, fmt::format("\"{}\" is already in this set", item.string_value));
        d.notes.push_back({earlier.span, true, "first given here"});
        break;
      }
    }
  }
  return Type::of(K::SetOfString);
}

Type TypeChecker::check_unary(Expr& e, const Context& ctx) {
  if (e.unary_op == UnaryOp::Not) {
    expect(*e.lhs, ctx, Type::of(K::Bool), "the operand of `not`");
    return Type::of(K::Bool);
  }
  Type t = check(*e.lhs, ctx);
  if (t.is_error()) return t;
  if (t.kind != K::Int && t.kind != K::Duration) {
    diags_.error(Code::TypeMismatch, e.lhs->span, fmt::format("`-` negates an int or a duration, not `{}`", type_name(t)));
    return Type::error();
  }
  return t;
}

Type TypeChecker::check_binary(Expr& e, const Context& ctx) {
  switch (e.binary_op) {
    case BinaryOp::Or:
    case BinaryOp::And: return check_logical(e, ctx);
    case BinaryOp::Eq:
    case BinaryOp::Ne:
    case BinaryOp::Lt:
    case BinaryOp::Le:
    case BinaryOp::Gt:
    case BinaryOp::Ge: return check_comparison(e, ctx);
    case BinaryOp::In:
    case BinaryOp::NotIn:
    case BinaryOp::Contains:
    case BinaryOp::ContainsAll:
    case BinaryOp::ContainsAny: return check_membership(e, ctx);
    default: return check_arithmetic(e, ctx);
  }
}

Type TypeChecker::check_logical(Expr& e, const Context& ctx) {
  std::string op = binary_op_text(e.binary_op);
  expect(*e.lhs, ctx, Type::of(K::Bool), fmt::format("the left side of `{}`", op));
  // `has(x) and x...`, `not has(x) or x...`: the right side runs only when the left allows.
  auto scope = assume(e.lhs.get(), e.binary_op == BinaryOp::And);
  expect(*e.rhs, ctx, Type::of(K::Bool), fmt::format("the right side of `{}`", op));
  return Type::of(K::Bool);
}

bool TypeChecker::could_be_enum_value(const Expr& e, const Context& ctx) const {
  if (e.kind != Expr::Kind::Name || e.name.parts.size() != 1) return false;
  const std::string& name = e.name.parts[0].text;
  const Symbol* s = ctx.unit->find(name);
  return !(s && s->get<ConstDecl>()) && name != "now" && name != "age";
}

std::pair<Type, Type> TypeChecker::check_pair(Expr& a, Expr& b, const Context& ctx, const Type* expected) {
  if (expected) return {check(a, ctx, expected), check(b, ctx, expected)};
  if (could_be_enum_value(a, ctx) && !could_be_enum_value(b, ctx)) {
    Type tb = check(b, ctx);
    return {check(a, ctx, &tb), tb};
  }
  Type ta = check(a, ctx);
  return {ta, check(b, ctx, &ta)};
}

Type TypeChecker::check_comparison(Expr& e, const Context& ctx) {
  auto [ta, tb] = check_pair(*e.lhs, *e.rhs, ctx);
  const char* op = binary_op_text(e.binary_op);
  if (ta.is_error() || tb.is_error()) return Type::of(K::Bool);
  if (!ta.same(tb)) {
    auto& d = diags_.error(Code::TypeMismatch, e.span,
                           fmt::format("`{}` compares two values of one type, but these are `{}` and `{}`", op,
                                       type_name(ta), type_name(tb)));
    d.help = literal_hint(*e.rhs, ta);
    if (d.help.empty()) d.help = literal_hint(*e.lhs, tb);
  } else if (is_ordering(e.binary_op) && !is_orderable(ta)) {
    diags_.error(Code::TypeMismatch, e.span,
                 fmt::format("`{}` orders ints, durations, times or values of one enum, not `{}`", op, type_name(ta)));
  }
  return Type::of(K::Bool);
}

Type TypeChecker::check_membership(Expr& e, const Context& ctx) {
  Type set = Type::of(K::SetOfString);
  Type str = Type::of(K::String);
  bool in = e.binary_op == BinaryOp::In || e.binary_op == BinaryOp::NotIn;
  bool contains = e.binary_op == BinaryOp::Contains;
  Type want_left = in ? str : set;
  Type want_right = contains ? str : set;
  Type left = check(*e.lhs, ctx, &want_left);
  Type right = check(*e.rhs, ctx, &want_right);
  if (left.is_error() || right.is_error() || (left.same(want_left) && right.same(want_right))) return Type::of(K::Bool);
  // One report for the pair: operands written the wrong way round are the usual mistake.
  auto& d = diags_.error(Code::TypeMismatch, e.span,
                         fmt::format("`{}` takes `{}` and `{}`, but these are `{}` and `{}`", binary_op_text(e.binary_op),
                                     type_name(want_left), type_name(want_right), type_name(left), type_name(right)));
  if ((in || contains) && left.same(want_right) && right.same(want_left)) {
    d.help = in ? "the element comes first: `element in set`" : "the set comes first: `set contains element`";
  }
  return Type::of(K::Bool);
}

Type TypeChecker::check_arithmetic(Expr& e, const Context& ctx) {
  Type ta = check(*e.lhs, ctx);
  Type tb = check(*e.rhs, ctx);
  if (ta.is_error() || tb.is_error()) return Type::error();
  if (auto result = arithmetic_result(e.binary_op, ta.kind, tb.kind)) return Type::of(*result);
  auto& d = diags_.error(Code::TypeMismatch, e.span,
                         fmt::format("`{}` cannot combine `{}` and `{}`", binary_op_text(e.binary_op), type_name(ta),
                                     type_name(tb)));
  d.help = arithmetic_help(e.binary_op);
  return Type::error();
}

Type TypeChecker::check_if(Expr& e, const Context& ctx, const Type* expected) {
  Expr& cond = *e.items[0];
  expect(cond, ctx, Type::of(K::Bool), "the condition of `if`");
  Type then_type, else_type;
  auto check_branch = [&](Expr& branch, bool truth, const Type* want) {
    auto scope = assume(&cond, truth);
    return check(branch, ctx, want);
  };
  if (expected) {
    then_type = check_branch(*e.items[1], true, expected);
    else_type = check_branch(*e.items[2], false, expected);
  } else if (could_be_enum_value(*e.items[1], ctx) && !could_be_enum_value(*e.items[2], ctx)) {
    else_type = check_branch(*e.items[2], false, nullptr);
    then_type = check_branch(*e.items[1], true, &else_type);
  } else {
    then_type = check_branch(*e.items[1], true, nullptr);
    else_type = check_branch(*e.items[2], false, &then_type);
  }
  if (then_type.is_error() || else_type.is_error()) return Type::error();
  if (!then_type.same(else_type)) {
    diags_.error(Code::TypeMismatch, e.span,
                 fmt::format("the branches of `if` must have one type, but they are `{}` and `{}`",
                             type_name(then_type), type_name(else_type)));
    return Type::error();
  }
  return then_type;
}

}  // namespace writ::lang::detail
