#include "compiler/routine_llvm_text.hpp"

#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/raw_ostream.h>

#include "compiler/codegen.hpp"
#include "compiler/jit_session.hpp"

namespace writ::compiler {

std::variant<LlvmIrText, std::string> routines_llvm_ir(const std::vector<ir::Routine>& routines, OptLevel level) {
  // A session gives the data layout exactly as the JIT detects it for this host.
  auto session = JitSession::create(level);
  if (auto* error = std::get_if<std::string>(&session)) return *error;
  llvm::LLVMContext context;
  auto generated = generate_routine_module(context, routines, std::get<std::unique_ptr<JitSession>>(session)->data_layout(),
                                           "writ_routines");
  if (auto* error = std::get_if<std::string>(&generated)) return *error;
  llvm::Module& module = *std::get<std::unique_ptr<llvm::Module>>(generated);
  optimise(module, level);
  LlvmIrText ir;
  llvm::raw_string_ostream out(ir.text);
  module.print(out, nullptr);
  out.flush();
  return ir;
}

}  // namespace writ::compiler
