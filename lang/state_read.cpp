#include "lang/state_read.hpp"

namespace writ::lang {

std::optional<Span> first_state_read(const Expr* e) {
  if (!e) return std::nullopt;
  if (e->kind == Expr::Kind::Name &&
      (e->resolved.kind == NameKind::StateField || e->resolved.kind == NameKind::Age)) {
    return e->span;
  }
  for (const auto& item : e->items) {
    if (auto span = first_state_read(item.get())) return span;
  }
  for (const Expr* child : {e->lhs.get(), e->rhs.get()}) {
    if (auto span = first_state_read(child)) return span;
  }
  return std::nullopt;
}

}  // namespace writ::lang
