#pragma once
// The values of one field for which a condition holds, when that is plain to see: a field
// compared with literals or constants by `== != < <= > >=`, `in`/`not in` a set written out
// (or a constant one), a bool field alone, a bool constant, and `not`, `and`, `or` of these
// on the same field. Fields are `event.f`, `state.f`, `global.f`, `started.f`, `actor.id`,
// `actor.role` and `age`; numbers (ints, durations, times, bools as 0/1, enum positions)
// range over their type, enums within their bounds. Used by the static checks that reason
// about which conditions can hold (W0501, W0517). Only for checked expressions.
#include <optional>
#include <string>

#include "lang/ast.hpp"
#include "lang/value_set.hpp"

namespace writ::lang::detail {

struct FieldValues {
  std::string field;  // as written (`event.severity`); "" for a constant such as `true`
  ValueSet values;    // a constant: {0} when it holds, {} when it does not
};

// Nullopt when the condition is not of the forms above (or reads several fields).
std::optional<FieldValues> field_values(const Expr& e);

}  // namespace writ::lang::detail
