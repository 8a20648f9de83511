#include "lang/constant_value.hpp"

namespace writ::lang::detail {

namespace {

// Constants may name constants; a cycle was reported by the type checker, so only bound
// the walk.
constexpr int kMaxConstDepth = 32;

const Expr* through_consts(const Expr& e) {
  const Expr* cur = &e;
  for (int depth = 0; depth < kMaxConstDepth; ++depth) {
    if (cur->kind != Expr::Kind::Name || cur->resolved.kind != NameKind::Const) return cur;
    if (!cur->resolved.constant || !cur->resolved.constant->value) return nullptr;
    cur = cur->resolved.constant->value.get();
  }
  return nullptr;
}

}  // namespace

std::optional<std::int64_t> constant_number(const Expr& e) {
  const Expr* v = through_consts(e);
  if (!v || v->type.is_error()) return std::nullopt;
  switch (v->kind) {
    case Expr::Kind::Bool: return v->bool_value ? 1 : 0;
    case Expr::Kind::Int:
    case Expr::Kind::Duration:
    case Expr::Kind::Time: return v->int_value;
    case Expr::Kind::Name:
      if (v->resolved.kind == NameKind::EnumValue) return v->resolved.enum_index;
      return std::nullopt;
    case Expr::Kind::Unary:
      if (v->unary_op == UnaryOp::Neg && v->lhs) {
        auto inner = constant_number(*v->lhs);
        if (inner && *inner != INT64_MIN) return -*inner;
      }
      return std::nullopt;
    default: return std::nullopt;
  }
}

const std::string* constant_string(const Expr& e) {
  const Expr* v = through_consts(e);
  return v && v->kind == Expr::Kind::String ? &v->string_value : nullptr;
}

}  // namespace writ::lang::detail
