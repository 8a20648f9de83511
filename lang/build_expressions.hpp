#pragma once
// Grammar actions for names, literals, expressions, annotations and types.
// Included by ast_builder.cpp only: PEGTL needs every action visible where it parses.
#include "lang/build_action.hpp"

namespace writ::lang::detail {

// ---- names

template <typename In>
void push_segment(const In& in, BuilderState& s) {
  Span at{s.file.id(), s.offset(in.begin()), s.offset(in.end())};
  s.item.segments.push_back({std::string(in.string_view()), at});
}
WRIT_ON(lower_head) { push_segment(in, s); }
WRIT_ON(dotted_type_head) { push_segment(in, s); }
WRIT_ON(lower_segment) { push_segment(in, s); }
WRIT_ON(any_head) { push_segment(in, s); }
WRIT_ON(any_segment) { push_segment(in, s); }
WRIT_ON(context_head) { push_segment(in, s); }

WRIT_ON(name) { push_ident(in, s); }
WRIT_ON(enum_word) { push_ident(in, s); }
WRIT_ON(set_target) { s.item.paths.push_back(s.take_path(in)); }

// ---- literals

WRIT_ON(int_lit) {
  Span at = s.span(in);
  auto e = s.make_expr(Expr::Kind::Int, at);
  if (auto value = parse_int(s.text_of(at))) {
    e->int_value = *value;
  } else {
    s.literal_error(Code::InvalidInteger, at, "integer",
                    "write digits with single `_` between them, at most 9223372036854775807");
  }
  s.push(std::move(e));
}
WRIT_ON(duration_lit) {
  Span at = s.span(in);
  auto e = s.make_expr(Expr::Kind::Duration, at);
  if (auto ms = parse_duration(s.text_of(at))) {
    e->int_value = *ms;
  } else {
    s.literal_error(Code::InvalidDuration, at, "duration",
                    "write numbers with the units w, d, h, m, s, ms in that order, each at most once, like `1h30m`");
  }
  s.push(std::move(e));
}
WRIT_ON(time_lit) {
  Span at = s.span(in);
  auto e = s.make_expr(Expr::Kind::Time, at);
  if (auto ms = parse_time(s.text_of(at))) {
    e->int_value = *ms;
  } else {
    s.literal_error(Code::InvalidTime, at, "time", "no such date or time of day");
  }
  s.push(std::move(e));
}
WRIT_ON(bool_lit) {
  auto e = s.make_expr(Expr::Kind::Bool, s.span(in));
  e->bool_value = in.peek_char() == 't';
  s.push(std::move(e));
}
WRIT_ON(string_unclosed) { s.item.string_unclosed = true; }
WRIT_ON(string_lit) {
  Text text = s.read_text(in);
  auto e = s.make_expr(Expr::Kind::String, text.span);
  e->string_value = std::move(text.value);
  s.push(std::move(e));
}
WRIT_ON(message_lit) { s.item.message = read_message(in, s); }
WRIT_ON(percent_lit) {
  Span at = s.span(in);
  auto value = parse_int(s.text_of(at).substr(0, at.end - at.begin - 1));
  if (!value || *value < 1 || *value > 99) {
    s.diags.error(Code::InvalidPercentage, at,
                  fmt::format("`{}` is not a valid warning point: write a percentage from 1% to 99%", s.text_of(at)));
  }
  s.item.percents.push_back(value && *value >= 1 && *value <= 99 ? static_cast<int>(*value) : 0);
  s.item.percent_spans.push_back(at);
}
WRIT_ON(date_lit) {
  Span at = s.span(in);
  CivilDate date;
  if (auto parsed = parse_date(s.text_of(at))) {
    date = *parsed;
  } else {
    s.literal_error(Code::InvalidDate, at, "date", "no such day");
  }
  s.item.dates.push_back({date.year, date.month, date.day, at});
}
WRIT_ON(clock_lit) {
  Span at = s.span(in);
  auto minutes = parse_clock(s.text_of(at));
  if (!minutes) s.literal_error(Code::InvalidDate, at, "clock time", "write hours 00 to 24 and minutes 00 to 59");
  s.item.clocks.push_back(minutes.value_or(0));
}
WRIT_ON(weekday) {
  static constexpr std::string_view kNames[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  std::string_view word = in.string_view().substr(0, 3);
  auto index = std::find(std::begin(kNames), std::end(kNames), word) - std::begin(kNames);
  s.item.weekdays.push_back(static_cast<Weekday>(index));
}

// ---- expressions

WRIT_ON(expr_name) {
  Path path = s.take_path(in);
  auto e = s.make_expr(Expr::Kind::Name, path.span);
  e->name = std::move(path);
  s.push(std::move(e));
}
WRIT_ON(call_open) { s.mark(); }
WRIT_ON(call_args) {
  std::uint32_t height = 1;
  std::vector<ExprPtr> args = s.pop_to_mark(height);
  Operand callee = s.pop_operand();
  callee.expr->kind = Expr::Kind::Call;
  callee.expr->span = Span::cover(callee.expr->span, s.span(in));
  callee.expr->items = std::move(args);
  s.push(std::move(callee.expr), height);
}
WRIT_ON(set_open) { s.mark(); }
WRIT_ON(set_lit) {
  std::uint32_t height = 1;
  auto e = s.make_expr(Expr::Kind::Set, s.span(in));
  e->items = s.pop_to_mark(height);
  s.push(std::move(e), height);
}
WRIT_ON(paren_expr) {
  Expr& inner = *s.item.operands.back().expr;
  inner.parenthesized = true;
  inner.span = s.span(in);
}
WRIT_ON(if_expr) {
  Operand otherwise = s.pop_operand();
  Operand then = s.pop_operand();
  Operand cond = s.pop_operand();
  auto e = s.make_expr(Expr::Kind::If, s.span(in));
  std::uint32_t height = std::max({cond.height, then.height, otherwise.height}) + 1;
  e->items.push_back(std::move(cond.expr));
  e->items.push_back(std::move(then.expr));
  e->items.push_back(std::move(otherwise.expr));
  s.push(std::move(e), height);
}

template <>
struct build<gr::not_apply> : counts_nesting {
  template <typename In>
  static void apply(const In& in, BuilderState& s) {
    s.reduce_unary(UnaryOp::Not, s.span(in));
  }
};
template <>
struct build<gr::neg_apply> : counts_nesting {
  template <typename In>
  static void apply(const In& in, BuilderState& s) {
    s.reduce_unary(UnaryOp::Neg, s.span(in));
  }
};

template <typename Op>
constexpr BinaryOp binary_op_of() {
  if constexpr (std::is_same_v<Op, gr::kw_or>) return BinaryOp::Or;
  if constexpr (std::is_same_v<Op, gr::kw_and>) return BinaryOp::And;
  if constexpr (std::is_same_v<Op, gr::op_eq>) return BinaryOp::Eq;
  if constexpr (std::is_same_v<Op, gr::op_ne>) return BinaryOp::Ne;
  if constexpr (std::is_same_v<Op, gr::op_lt>) return BinaryOp::Lt;
  if constexpr (std::is_same_v<Op, gr::op_le>) return BinaryOp::Le;
  if constexpr (std::is_same_v<Op, gr::op_gt>) return BinaryOp::Gt;
  if constexpr (std::is_same_v<Op, gr::op_ge>) return BinaryOp::Ge;
  if constexpr (std::is_same_v<Op, gr::kw_in>) return BinaryOp::In;
  if constexpr (std::is_same_v<Op, gr::op_not_in>) return BinaryOp::NotIn;
  if constexpr (std::is_same_v<Op, gr::kw_contains>) return BinaryOp::Contains;
  if constexpr (std::is_same_v<Op, gr::op_contains_all>) return BinaryOp::ContainsAll;
  if constexpr (std::is_same_v<Op, gr::op_contains_any>) return BinaryOp::ContainsAny;
  if constexpr (std::is_same_v<Op, gr::op_plus>) return BinaryOp::Add;
  if constexpr (std::is_same_v<Op, gr::op_minus>) return BinaryOp::Sub;
  if constexpr (std::is_same_v<Op, gr::op_times>) return BinaryOp::Mul;
  if constexpr (std::is_same_v<Op, gr::op_divide>) return BinaryOp::Div;
  if constexpr (std::is_same_v<Op, gr::op_modulo>) return BinaryOp::Mod;
}

template <typename Op, typename Operand>
struct build<gr::binary_tail<Op, Operand>> {
  template <typename In>
  static void apply(const In&, BuilderState& s) {
    s.reduce_binary(binary_op_of<Op>());
  }
};

// ---- annotations and types

template <typename In>
Annotation read_annotation(const In& in, BuilderState& s) {
  Annotation a;
  a.name = s.pop_ident();
  for (Text& arg : std::exchange(s.item.texts, {})) a.args.push_back(std::move(arg.value));
  a.span = s.span(in);
  return a;
}
WRIT_ON(decl_annotation) { s.item.decl_annotations.push_back(read_annotation(in, s)); }
WRIT_ON(field_annotation) { s.item.field_annotations.push_back(read_annotation(in, s)); }

inline void push_type(BuilderState& s, TypeRef::Kind kind) {
  TypeRef t;
  t.kind = kind;
  s.item.types.push_back(std::move(t));
}
WRIT_ON(bool_type) { push_type(s, TypeRef::Kind::Bool); }
WRIT_ON(int_type) { push_type(s, TypeRef::Kind::Int); }
WRIT_ON(string_type) { push_type(s, TypeRef::Kind::String); }
WRIT_ON(duration_type) { push_type(s, TypeRef::Kind::Duration); }
WRIT_ON(time_type) { push_type(s, TypeRef::Kind::Time); }
WRIT_ON(set_type) { push_type(s, TypeRef::Kind::SetOfString); }
WRIT_ON(named_type) {
  push_type(s, TypeRef::Kind::Named);
  s.item.types.back().name = s.take_path(in);
}
WRIT_ON(optional_mark) { s.item.types.back().optional = true; }

}  // namespace writ::lang::detail
