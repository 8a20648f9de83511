// Reading a condition as the set of values of one field for which it holds.
#include "lang/condition_values.hpp"

#include <limits>

#include "lang/constant_value.hpp"

namespace writ::lang::detail {

namespace {

constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

bool is_field(const Expr& e) {
  if (e.kind != Expr::Kind::Name || e.type.is_error()) return false;
  switch (e.resolved.kind) {
    case NameKind::EventField:
    case NameKind::StartedField:
    case NameKind::StateField:
    case NameKind::GlobalField:
    case NameKind::ActorId:
    case NameKind::ActorRole:
    case NameKind::Age: return true;
    default: return false;
  }
}

std::optional<ValueSet> domain_of(const Type& t) {
  switch (t.kind) {
    case Type::Kind::Int:
    case Type::Kind::Duration:
    case Type::Kind::Time: return ValueSet::all_numbers(kMin, kMax);
    case Type::Kind::Bool: return ValueSet::all_numbers(0, 1);
    case Type::Kind::Enum:
      if (!t.enum_decl) return std::nullopt;
      return ValueSet::all_numbers(0, static_cast<std::int64_t>(t.enum_decl->values.size()) - 1);
    case Type::Kind::String: return ValueSet::all_strings();
    default: return std::nullopt;
  }
}

BinaryOp mirrored(BinaryOp op) {
  switch (op) {
    case BinaryOp::Lt: return BinaryOp::Gt;
    case BinaryOp::Le: return BinaryOp::Ge;
    case BinaryOp::Gt: return BinaryOp::Lt;
    case BinaryOp::Ge: return BinaryOp::Le;
    default: return op;
  }
}

std::optional<ValueSet> compare_number(const ValueSet& domain, BinaryOp op, std::int64_t c) {
  switch (op) {
    case BinaryOp::Eq: return domain.only(c);
    case BinaryOp::Ne: return domain.only(c).complement();
    case BinaryOp::Lt: return c == kMin ? domain.none() : domain.at_most(c - 1);
    case BinaryOp::Le: return domain.at_most(c);
    case BinaryOp::Gt: return c == kMax ? domain.none() : domain.at_least(c + 1);
    case BinaryOp::Ge: return domain.at_least(c);
    default: return std::nullopt;
  }
}

// `field OP literal` (either way round).
std::optional<FieldValues> comparison_atom(const Expr& e) {
  bool field_left = is_field(*e.lhs);
  const Expr& field = field_left ? *e.lhs : *e.rhs;
  const Expr& other = field_left ? *e.rhs : *e.lhs;
  if (!is_field(field) || is_field(other)) return std::nullopt;
  auto domain = domain_of(field.type);
  if (!domain) return std::nullopt;
  BinaryOp op = field_left ? e.binary_op : mirrored(e.binary_op);
  std::optional<ValueSet> values;
  if (domain->is_strings()) {
    const std::string* s = constant_string(other);
    if (s && (op == BinaryOp::Eq || op == BinaryOp::Ne)) {
      values = domain->only_strings({*s});
      if (op == BinaryOp::Ne) values = values->complement();
    }
  } else if (auto c = constant_number(other)) {
    values = compare_number(*domain, op, *c);
  }
  if (!values) return std::nullopt;
  return FieldValues{field.name.str(), *values};
}

// `field in {"a", "b"}` and `not in`, the set written out or a constant.
std::optional<FieldValues> membership_atom(const Expr& e) {
  if (!is_field(*e.lhs) || e.lhs->type.kind != Type::Kind::String) return std::nullopt;
  const Expr* set = e.rhs.get();
  while (set->kind == Expr::Kind::Name && set->resolved.kind == NameKind::Const && set->resolved.constant &&
         set->resolved.constant->value) {
    set = set->resolved.constant->value.get();
  }
  if (set->kind != Expr::Kind::Set) return std::nullopt;
  std::set<std::string> listed;
  for (const auto& item : set->items) {
    const std::string* s = constant_string(*item);
    if (!s) return std::nullopt;
    listed.insert(*s);
  }
  ValueSet values = ValueSet::all_strings().only_strings(std::move(listed));
  if (e.binary_op == BinaryOp::NotIn) values = values.complement();
  return FieldValues{e.lhs->name.str(), values};
}

}  // namespace

std::optional<FieldValues> field_values(const Expr& e) {
  if (e.type.is_error()) return std::nullopt;
  bool constant = e.kind == Expr::Kind::Bool || (e.kind == Expr::Kind::Name && e.resolved.kind == NameKind::Const);
  if (constant && e.type.kind == Type::Kind::Bool) {
    auto value = constant_number(e);
    if (!value) return std::nullopt;
    ValueSet always = ValueSet::all_numbers(0, 0);
    return FieldValues{"", *value ? always : always.none()};
  }
  if (is_field(e) && e.type.kind == Type::Kind::Bool) return FieldValues{e.name.str(), ValueSet::all_numbers(0, 1).only(1)};
  if (e.kind == Expr::Kind::Unary && e.unary_op == UnaryOp::Not) {
    auto inner = field_values(*e.lhs);
    if (inner) inner->values = inner->values.complement();
    return inner;
  }
  if (e.kind != Expr::Kind::Binary) return std::nullopt;
  switch (e.binary_op) {
    case BinaryOp::And:
    case BinaryOp::Or: {
      auto a = field_values(*e.lhs);
      auto b = field_values(*e.rhs);
      if (!a || !b || a->field != b->field) return std::nullopt;
      a->values = e.binary_op == BinaryOp::And ? a->values.intersect(b->values) : a->values.unite(b->values);
      return a;
    }
    case BinaryOp::In:
    case BinaryOp::NotIn: return membership_atom(e);
    default: return comparison_atom(e);
  }
}

}  // namespace writ::lang::detail
