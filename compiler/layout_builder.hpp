#pragma once
// The record layouts of a checked program: the one place the compiler reads event and state
// declarations to lay out records, kept apart from record_layout.hpp so that what reads
// records (the runtime) does not see the AST.
#include "compiler/record_layout.hpp"
#include "lang/program.hpp"

namespace writ::compiler {

// The layouts of a checked program. An event type declared in several modules has one
// schema (the checker enforces E0203), so the first declaration decides.
ProgramLayouts build_layouts(const lang::Program& program);

}  // namespace writ::compiler
