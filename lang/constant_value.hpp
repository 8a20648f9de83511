#pragma once
// The value of a checked expression that is known without running the policy: a literal,
// a negated literal, a constant defined by one, or an enum value (its position). Used by the
// static checks (coverage, ranges, positive durations). Only for expressions already
// checked: an unchecked one has the Error type and no value.
#include <cstdint>
#include <optional>

#include "lang/ast.hpp"

namespace writ::lang::detail {

// Int, duration (ms), time (ms), bool (0/1) or enum position.
std::optional<std::int64_t> constant_number(const Expr& e);
// A string literal, or a constant defined by one.
const std::string* constant_string(const Expr& e);

}  // namespace writ::lang::detail
