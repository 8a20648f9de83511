#pragma once
// IR -> llvm::Module: one native function per ir::Function with the CompiledExpr ABI of
// eval_context.hpp, or per ir::Routine with the CompiledRoutine ABI of routine.hpp. Knows
// nothing of ORC: the module is built on a context the caller owns, for the data layout the
// caller names, and verified before it is returned. Expressions are emitted by
// codegen_expr.cpp, routine bodies by codegen_routine.cpp.
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "compiler/ir.hpp"
#include "compiler/routine.hpp"

namespace llvm {
class DataLayout;
class LLVMContext;
class Module;
}  // namespace llvm

namespace writ::compiler {

// The module, or why it could not be built (a verifier report, which is a compiler bug).
// Each function's symbol is `symbol_prefix` + its name.
std::variant<std::unique_ptr<llvm::Module>, std::string> generate_module(llvm::LLVMContext& context,
                                                                          const std::vector<ir::Function>& functions,
                                                                          const llvm::DataLayout& layout,
                                                                          const std::string& module_name,
                                                                          const std::string& symbol_prefix = "");

// The same for routines; a malformed routine (routine_check.hpp) or two of the same name are
// reported, not emitted. Each routine's symbol is `symbol_prefix` + its name.
std::variant<std::unique_ptr<llvm::Module>, std::string> generate_routine_module(llvm::LLVMContext& context,
                                                                                  const std::vector<ir::Routine>& routines,
                                                                                  const llvm::DataLayout& layout,
                                                                                  const std::string& module_name,
                                                                                  const std::string& symbol_prefix = "");

}  // namespace writ::compiler
