#pragma once
// What both engines require of a routine before running it, so a malformed one (a compiler
// bug) is a message instead of writes out of bounds.
#include <optional>
#include <string>

#include "compiler/routine.hpp"

namespace writ::compiler {

// Why `routine` is malformed, or nothing: every step has an expression of the right kind
// (a scalar for Test); Test bits and Value slots (two for a set) lie within the counts;
// Assign targets the state or the global record; a guard tests only bits an earlier Test
// wrote. Assign words are not checked: the routine does not know the records' sizes.
std::optional<std::string> routine_error(const ir::Routine& routine);

}  // namespace writ::compiler
