#pragma once
// Small factories for syntax trees built by hand in tests, without source text: every span
// is empty. Names follow the node they make.
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "lang/ast.hpp"

namespace writ::test {

inline lang::Path path(std::string_view dotted) {
  lang::Path out;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = dotted.find('.', start);
    out.parts.push_back({std::string(dotted.substr(start, dot - start)), {}});
    if (dot == std::string_view::npos) return out;
    start = dot + 1;
  }
}

inline lang::ExprPtr make(lang::Expr::Kind kind) {
  lang::ExprPtr e(new lang::Expr());  // on the heap: ExprDeleter deletes it
  e->kind = kind;
  return e;
}

inline lang::ExprPtr name(std::string_view dotted) {
  auto e = make(lang::Expr::Kind::Name);
  e->name = path(dotted);
  return e;
}

inline lang::ExprPtr int_lit(std::int64_t value) {
  auto e = make(lang::Expr::Kind::Int);
  e->int_value = value;
  return e;
}

inline lang::ExprPtr bool_lit(bool value) {
  auto e = make(lang::Expr::Kind::Bool);
  e->bool_value = value;
  return e;
}

inline lang::ExprPtr str(std::string value) {
  auto e = make(lang::Expr::Kind::String);
  e->string_value = std::move(value);
  return e;
}

inline lang::ExprPtr duration(std::int64_t ms) {
  auto e = make(lang::Expr::Kind::Duration);
  e->int_value = ms;
  return e;
}

inline lang::ExprPtr time(std::int64_t ms) {
  auto e = make(lang::Expr::Kind::Time);
  e->int_value = ms;
  return e;
}

template <typename... Items>
lang::ExprPtr set(Items... items) {
  auto e = make(lang::Expr::Kind::Set);
  (e->items.push_back(std::move(items)), ...);
  return e;
}

template <typename... Args>
lang::ExprPtr call(std::string_view callee, Args... args) {
  auto e = make(lang::Expr::Kind::Call);
  e->name = path(callee);
  (e->items.push_back(std::move(args)), ...);
  return e;
}

inline lang::ExprPtr bin(lang::BinaryOp op, lang::ExprPtr lhs, lang::ExprPtr rhs) {
  auto e = make(lang::Expr::Kind::Binary);
  e->binary_op = op;
  e->lhs = std::move(lhs);
  e->rhs = std::move(rhs);
  return e;
}

inline lang::ExprPtr unary(lang::UnaryOp op, lang::ExprPtr operand) {
  auto e = make(lang::Expr::Kind::Unary);
  e->unary_op = op;
  e->lhs = std::move(operand);
  return e;
}

inline lang::ExprPtr if_then(lang::ExprPtr cond, lang::ExprPtr then, lang::ExprPtr otherwise) {
  auto e = make(lang::Expr::Kind::If);
  e->items.push_back(std::move(cond));
  e->items.push_back(std::move(then));
  e->items.push_back(std::move(otherwise));
  return e;
}

// The same expression, as if written inside ( ).
inline lang::ExprPtr parens(lang::ExprPtr e) {
  e->parenthesized = true;
  return e;
}

inline lang::Ident ident(std::string text) { return {std::move(text), {}}; }

inline lang::Annotation annotation(std::string name, std::initializer_list<std::string> args = {}) {
  return {ident(std::move(name)), args, {}};
}

}  // namespace writ::test
