#pragma once
// Internal to codegen: the body of one routine (routine.hpp) with the CompiledRoutine ABI.
#include <cstddef>

#include "compiler/routine.hpp"

namespace llvm {
class Function;
class Module;
}  // namespace llvm

namespace writ::compiler {

// LLVM's O2 pipeline and instruction selection take more than linear time in a function's
// size, so a longer routine (the apply of an event type with hundreds of rules) is split into
// parts of at most this many steps, each a function of its own that the routine calls in
// order. Below it a routine is one function, as fast as before; the split costs a call and
// the bit words' loads and stores per part.
inline constexpr std::size_t kStepsPerPart = 192;

// Fills `fn`, declared `void(i8* ctx, i64* bits, i64* slots)`, with the routine's steps; a
// long routine's steps go into internal functions `<fn>.part<i>` that `fn` calls in order.
// The routine must be well formed (routine_error).
void emit_routine(llvm::Module& module, llvm::Function& fn, const ir::Routine& routine);

}  // namespace writ::compiler
