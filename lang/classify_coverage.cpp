// W0501: a classify row that can never match because the rows above it match first.
// Conditions on one field are read as sets of values (condition_values.hpp). A row with
// `A or B` matches whenever A does, so each single-field disjunct covers its values; a
// later row is unreachable when each of its disjuncts is covered (or, for a conjunction,
// any conjunct is). `when true`, or rows covering all of a field, end the table.
#include <map>

#include "lang/condition_values.hpp"
#include "lang/static_checks.hpp"

namespace writ::lang::detail {

namespace {

using Coverage = std::map<std::string, ValueSet>;

bool ends_table(const Coverage& cov) {
  for (const auto& [_, values] : cov) {
    if (values.full()) return true;
  }
  return false;
}

bool covered(const Expr& e, const Coverage& cov) {
  if (ends_table(cov)) return true;
  if (auto known = field_values(e)) {
    auto it = cov.find(known->field);
    return it == cov.end() ? known->values.empty() : known->values.subset_of(it->second);
  }
  if (e.kind != Expr::Kind::Binary) return false;
  if (e.binary_op == BinaryOp::Or) return covered(*e.lhs, cov) && covered(*e.rhs, cov);
  if (e.binary_op == BinaryOp::And) return covered(*e.lhs, cov) || covered(*e.rhs, cov);
  return false;
}

void add_coverage(const Expr& e, Coverage& cov) {
  if (auto known = field_values(e)) {
    auto [it, fresh] = cov.emplace(known->field, known->values);
    if (!fresh) it->second = it->second.unite(known->values);
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
