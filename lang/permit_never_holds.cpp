// W0517: a permit whose condition can never hold. Permits are default-deny, so such a
// permit grants nothing: if it is the only one for its event type, every event of that
// type is denied. Only what is certain is reported: a condition that is constantly false
// (`false`, a false constant), a field compared with values it cannot take together
// (`actor.role in {}`, `event.x == "a" and event.x == "b"`, `event.n > 3 and event.n < 2`,
// read as sets of values: condition_values.hpp), and `and`/`or` of these where `and` has
// one impossible part or `or` has only impossible parts.
#include <fmt/format.h>
#include <map>
#include <vector>

#include "lang/condition_values.hpp"
#include "lang/static_checks.hpp"

namespace writ::lang::detail {

namespace {

struct Contradiction {
  const Expr* part = nullptr;   // the condition that cannot hold, or the later of two
  const Expr* other = nullptr;  // the earlier condition it cannot hold together with, if any
};

std::optional<Contradiction> never_true(const Expr& e);

bool is_and(const Expr& e) { return e.kind == Expr::Kind::Binary && e.binary_op == BinaryOp::And; }

void conjuncts(const Expr& e, std::vector<const Expr*>& out) {
  if (is_and(e)) {
    conjuncts(*e.lhs, out);
    conjuncts(*e.rhs, out);
  } else {
    out.push_back(&e);
  }
}

// `A and B and ...`: one part never true, or the parts on one field admitting no value
// together. The note goes to an earlier part on that field disjoint from the later one,
// else to the first part on that field.
std::optional<Contradiction> conjunction_never_true(const Expr& e) {
  std::vector<const Expr*> parts;
  conjuncts(e, parts);
  struct Seen {
    ValueSet values;
    std::vector<std::pair<const Expr*, ValueSet>> parts;
  };
  std::map<std::string, Seen> fields;
  for (const Expr* part : parts) {
    if (auto c = never_true(*part)) return c;
    auto known = field_values(*part);
    if (!known) continue;
    auto it = fields.find(known->field);
    if (it == fields.end()) {
      fields.emplace(known->field, Seen{known->values, {{part, known->values}}});
      continue;
    }
    it->second.values = it->second.values.intersect(known->values);
    if (it->second.values.empty()) {
      const Expr* other = it->second.parts.front().first;
      for (const auto& [earlier, values] : it->second.parts) {
        if (values.intersect(known->values).empty()) other = earlier;
      }
      return Contradiction{part, other};
    }
    it->second.parts.push_back({part, known->values});
  }
  return std::nullopt;
}

std::optional<Contradiction> never_true(const Expr& e) {
  if (e.type.is_error()) return std::nullopt;
  if (is_and(e)) return conjunction_never_true(e);
  if (e.kind == Expr::Kind::Binary && e.binary_op == BinaryOp::Or) {
    if (never_true(*e.lhs) && never_true(*e.rhs)) return Contradiction{&e};
    return std::nullopt;
  }
  if (auto known = field_values(e); known && known->values.empty()) return Contradiction{&e};
  return std::nullopt;
}

}  // namespace

void check_permit_can_hold(const PermitDecl& permit, Diagnostics& diags) {
  if (!permit.condition || permit.condition->type.kind != Type::Kind::Bool) return;
  auto found = never_true(*permit.condition);
  if (!found) return;
  std::string type = permit.event_type.str();
  std::string why = found->other ? "this condition cannot hold together with an earlier one"
                                 : "this condition is never true";
  auto& d = diags.warning(Code::PermitNeverHolds, found->part->span,
                          fmt::format("this permit for `{}` can never hold: {}", type, why));
  if (found->other) d.notes.push_back({found->other->span, true, "the condition it contradicts"});
  d.help = fmt::format("a permit that never holds grants nothing: unless another permit for `{}` holds, every `{}` "
                       "event is denied",
                       type, type);
}

}  // namespace writ::lang::detail
