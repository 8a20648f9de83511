#include "compiler/jit_routines.hpp"

#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>

#include "compiler/codegen.hpp"

namespace writ::compiler {

std::variant<std::unique_ptr<JitRoutines>, std::string> JitRoutines::create(JitSession& session,
                                                                             const std::vector<ir::Routine>& routines) {
  // Symbols are global in the session: this module's routines get their own prefix.
  std::string prefix = session.unique_prefix();
  auto context = std::make_unique<llvm::LLVMContext>();
  auto generated = generate_routine_module(*context, routines, session.data_layout(), prefix + "routines", prefix);
  if (auto* error = std::get_if<std::string>(&generated)) return *error;
  auto added = session.add_module(std::move(context), std::move(std::get<std::unique_ptr<llvm::Module>>(generated)));
  if (auto* error = std::get_if<std::string>(&added)) return *error;
  auto handle = std::get<JitSession::ModuleHandle>(added);

  std::vector<CompiledRoutine> entry_points;
  for (const ir::Routine& r : routines) {
    auto address = session.lookup(prefix + r.name);
    if (auto* error = std::get_if<std::string>(&address)) {
      session.remove(handle);
      return *error;
    }
    entry_points.push_back(reinterpret_cast<CompiledRoutine>(std::get<void*>(address)));
  }
  return std::unique_ptr<JitRoutines>(new JitRoutines(session, handle, std::move(entry_points)));
}

JitRoutines::JitRoutines(JitSession& session, JitSession::ModuleHandle handle, std::vector<CompiledRoutine> entry_points)
    : session_(session), handle_(handle), entry_points_(std::move(entry_points)) {}

JitRoutines::~JitRoutines() { session_.remove(handle_); }

void JitRoutines::run(std::size_t index, const EvalContext& ctx, std::uint64_t* bits, std::int64_t* slots) {
  entry_points_.at(index)(&ctx, bits, slots);
}

}  // namespace writ::compiler
