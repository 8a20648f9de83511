#pragma once
// The LLVM IR of a policy's routines as the JIT runs it, for `writ explain --emit=llvm`:
// generated for the host's data layout and optimised by the JIT's own pipeline
// (optimiser.hpp). The text is the same on every call for the same routines and host: the
// module has a fixed name and the routines' symbols carry no session prefix.
#include <string>
#include <variant>
#include <vector>

#include "compiler/optimiser.hpp"
#include "compiler/routine.hpp"

namespace writ::compiler {

struct LlvmIrText {
  std::string text;
};

// The module's text, or why it could not be generated (no native target, a malformed
// routine).
std::variant<LlvmIrText, std::string> routines_llvm_ir(const std::vector<ir::Routine>& routines, OptLevel level);

}  // namespace writ::compiler
