#include "compiler/jit_evaluator.hpp"

#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>

#include "compiler/codegen.hpp"

namespace writ::compiler {

std::variant<std::unique_ptr<JitEvaluator>, std::string> JitEvaluator::create(JitSession& session,
                                                                               const std::vector<ir::Function>& functions) {
  // Symbols are global in the session: this module's functions get their own prefix.
  std::string prefix = session.unique_prefix();
  auto context = std::make_unique<llvm::LLVMContext>();
  auto generated = generate_module(*context, functions, session.data_layout(), prefix + "module", prefix);
  if (auto* error = std::get_if<std::string>(&generated)) return *error;
  auto added = session.add_module(std::move(context), std::move(std::get<std::unique_ptr<llvm::Module>>(generated)));
  if (auto* error = std::get_if<std::string>(&added)) return *error;
  auto handle = std::get<JitSession::ModuleHandle>(added);

  std::vector<CompiledExpr> entry_points;
  std::vector<bool> set_results;
  for (const ir::Function& f : functions) {
    auto address = session.lookup(prefix + f.name);
    if (auto* error = std::get_if<std::string>(&address)) {
      session.remove(handle);
      return *error;
    }
    entry_points.push_back(reinterpret_cast<CompiledExpr>(std::get<void*>(address)));
    set_results.push_back(f.body->is_set);
  }
  return std::unique_ptr<JitEvaluator>(new JitEvaluator(session, handle, std::move(entry_points), std::move(set_results)));
}

JitEvaluator::JitEvaluator(JitSession& session, JitSession::ModuleHandle handle, std::vector<CompiledExpr> entry_points,
                           std::vector<bool> set_results)
    : session_(session), handle_(handle), entry_points_(std::move(entry_points)), set_results_(std::move(set_results)) {}

JitEvaluator::~JitEvaluator() { session_.remove(handle_); }

Value JitEvaluator::evaluate(std::size_t index, const EvalContext& ctx) {
  SetRef set{nullptr, 0};
  Value v;
  v.scalar = entry_points_.at(index)(&ctx, &set);
  if (set_results_[index]) v.set.assign(set.data, set.data + set.len);
  return v;
}

}  // namespace writ::compiler
