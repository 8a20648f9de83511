#pragma once
// Where a checked expression reads the incident's state (`state.f`, or `age`, which is
// `now - state.opened_at`): what decides whether a construct needs an incident.
#include <optional>

#include "lang/ast.hpp"

namespace writ::lang {

// The first read of the state in `e` (null: none), in source order.
std::optional<Span> first_state_read(const Expr* e);

}  // namespace writ::lang
