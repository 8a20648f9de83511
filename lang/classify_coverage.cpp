// W0501: a classify row that can never match because the rows above it match first.
// Conditions that compare one field with literals (`== != < <= > >= in not in`, a bool
// field alone, `not`, and `and`/`or` of such on the same field) are read as sets of values.
// A row with `A or B` matches whenever A does, so each single-field disjunct covers its
// values; a later row is unreachable when each of its disjuncts is covered (or, for a
// conjunction, any conjunct is). `when true`, or rows covering all of a field, end the table.
#include <fmt/format.h>
#include <limits>
#include <map>
#include <optional>

#include "lang/constant_value.hpp"
#include "lang/static_checks.hpp"
#include "lang/value_set.hpp"

namespace writ::lang::detail {

namespace {

constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

struct Atom {
  std::string field;  // "" for a constant condition such as `true`
  ValueSet values;
};

using Coverage = std::map<std::string, ValueSet>;

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
std::optional<Atom> comparison_atom(const Expr& e) {
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
  return Atom{field.name.str(), *values};
}

// `field in {"a", "b"}` and `not in`, the set written out or a constant.
std::optional<Atom> membership_atom(const Expr& e) {
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
  return Atom{e.lhs->name.str(), values};
}

std::optional<Atom> atom_of(const Expr& e) {
  if (e.type.is_error()) return std::nullopt;
  bool constant = e.kind == Expr::Kind::Bool || (e.kind == Expr::Kind::Name && e.resolved.kind == NameKind::Const);
  if (constant && e.type.kind == Type::Kind::Bool) {
    auto value = constant_number(e);
    if (!value) return std::nullopt;
    ValueSet always = ValueSet::all_numbers(0, 0);
    return Atom{"", *value ? always : always.none()};
  }
  if (is_field(e) && e.type.kind == Type::Kind::Bool) return Atom{e.name.str(), ValueSet::all_numbers(0, 1).only(1)};
  if (e.kind == Expr::Kind::Unary && e.unary_op == UnaryOp::Not) {
    auto inner = atom_of(*e.lhs);
    if (inner) inner->values = inner->values.complement();
    return inner;
  }
  if (e.kind != Expr::Kind::Binary) return std::nullopt;
  switch (e.binary_op) {
    case BinaryOp::And:
    case BinaryOp::Or: {
      auto a = atom_of(*e.lhs);
      auto b = atom_of(*e.rhs);
      if (!a || !b || a->field != b->field) return std::nullopt;
      a->values = e.binary_op == BinaryOp::And ? a->values.intersect(b->values) : a->values.unite(b->values);
      return a;
    }
    case BinaryOp::In:
    case BinaryOp::NotIn: return membership_atom(e);
    default: return comparison_atom(e);
  }
}

bool ends_table(const Coverage& cov) {
  for (const auto& [_, values] : cov) {
    if (values.full()) return true;
  }
  return false;
}

bool covered(const Expr& e, const Coverage& cov) {
  if (ends_table(cov)) return true;
  if (auto atom = atom_of(e)) {
    auto it = cov.find(atom->field);
    return it == cov.end() ? atom->values.empty() : atom->values.subset_of(it->second);
  }
  if (e.kind != Expr::Kind::Binary) return false;
  if (e.binary_op == BinaryOp::Or) return covered(*e.lhs, cov) && covered(*e.rhs, cov);
  if (e.binary_op == BinaryOp::And) return covered(*e.lhs, cov) || covered(*e.rhs, cov);
  return false;
}

void add_coverage(const Expr& e, Coverage& cov) {
  if (auto atom = atom_of(e)) {
    auto [it, fresh] = cov.emplace(atom->field, atom->values);
    if (!fresh) it->second = it->second.unite(atom->values);
  } else if (e.kind == Expr::Kind::Binary && e.binary_op == BinaryOp::Or) {
    add_coverage(*e.lhs, cov);
    add_coverage(*e.rhs, cov);
  }
}

}  // namespace

void check_classify_coverage(const ClassifyDecl& decl, Diagnostics& diags) {
  std::vector<const ClassifyRow*> earlier;
  for (const ClassifyRow& row : decl.rows) {
    if (!row.condition) continue;
    Coverage cov;
    const ClassifyRow* covering = nullptr;
    if (covered(*row.condition, cov)) {
      diags.warning(Code::UnreachableRow, row.condition->span, "this row can never match: its condition is never true");
    } else {
      for (const ClassifyRow* prior : earlier) {
        add_coverage(*prior->condition, cov);
        if (covered(*row.condition, cov)) {
          covering = prior;
          break;
        }
      }
    }
    if (covering) {
      auto& d = diags.warning(Code::UnreachableRow, row.condition->span,
                              "this row can never match: the rows above it match every case it covers");
      d.notes.push_back({covering->condition->span, true, "the rows up to this one already match it"});
    }
    earlier.push_back(&row);
  }
}

}  // namespace writ::lang::detail
