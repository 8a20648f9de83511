#pragma once
// The passes every module goes through before the JIT compiles it (jit_session.cpp), in one
// place so the LLVM IR `writ explain --emit=llvm` prints (routine_llvm_text.cpp) is the IR
// that runs.
namespace llvm {
class Module;
}  // namespace llvm

namespace writ::compiler {

enum class OptLevel { O0, O2 };

// O0 leaves the module as generated; O2 runs LLVM's default -O2 pipeline, as clang does.
void optimise(llvm::Module& module, OptLevel level);

}  // namespace writ::compiler
