#pragma once
// Internal to codegen: the body of one routine (routine.hpp) with the CompiledRoutine ABI.
#include "compiler/routine.hpp"

namespace llvm {
class Function;
class Module;
}  // namespace llvm

namespace writ::compiler {

// Fills `fn`, declared `void(i8* ctx, i64* bits, i64* slots)`, with the routine's steps.
// The routine must be well formed (routine_error).
void emit_routine(llvm::Module& module, llvm::Function& fn, const ir::Routine& routine);

}  // namespace writ::compiler
