#include "compiler/codegen.hpp"

#include <llvm/IR/DataLayout.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>

#include <set>

#include "compiler/codegen_expr.hpp"
#include "compiler/codegen_routine.hpp"
#include "compiler/routine_check.hpp"

namespace writ::compiler {

namespace {

// A scalar result is returned; a set result goes to the SetRef the second parameter points to.
void emit_function(llvm::Module& module, llvm::Function& fn, const ir::Function& f) {
  ExprEmitter e(module, fn);
  llvm::IRBuilder<>& b = e.builder();
  CgValue v = e.emit(*f.body);
  if (!f.body->is_set) {
    b.CreateRet(v.scalar);
    return;
  }
  llvm::Value* set_out = fn.getArg(1);
  b.CreateStore(v.data, b.CreateBitCast(set_out, e.i32_ptr()->getPointerTo()));
  b.CreateStore(v.len, b.CreateBitCast(b.CreateConstGEP1_64(e.i8(), set_out, 8), e.i64()->getPointerTo()));
  b.CreateRet(b.getInt64(0));
}

// The CompiledRoutine ABI: `bits` and `slots` overlap nothing else the routine reaches, so a
// store to a slot does not make LLVM reload the context's record pointers or record words.
void add_result_noalias(llvm::Function& fn) {
  fn.addParamAttr(1, llvm::Attribute::NoAlias);
  fn.addParamAttr(2, llvm::Attribute::NoAlias);
}

std::unique_ptr<llvm::Module> empty_module(llvm::LLVMContext& context, const llvm::DataLayout& layout,
                                           const std::string& module_name) {
  auto module = std::make_unique<llvm::Module>(module_name, context);
  module->setDataLayout(layout);
  return module;
}

std::variant<std::unique_ptr<llvm::Module>, std::string> verified(std::unique_ptr<llvm::Module> module) {
  std::string report;
  llvm::raw_string_ostream out(report);
  if (llvm::verifyModule(*module, &out)) return "generated code failed verification: " + out.str();
  return module;
}

}  // namespace

std::variant<std::unique_ptr<llvm::Module>, std::string> generate_module(llvm::LLVMContext& context,
                                                                          const std::vector<ir::Function>& functions,
                                                                          const llvm::DataLayout& layout,
                                                                          const std::string& module_name,
                                                                          const std::string& symbol_prefix) {
  auto module = empty_module(context, layout, module_name);
  auto* i8_ptr = llvm::Type::getInt8PtrTy(context);
  auto* type = llvm::FunctionType::get(llvm::Type::getInt64Ty(context), {i8_ptr, i8_ptr}, false);
  for (const ir::Function& f : functions) {
    auto* fn = llvm::Function::Create(type, llvm::Function::ExternalLinkage, symbol_prefix + f.name, *module);
    fn->addFnAttr(llvm::Attribute::NoUnwind);
    emit_function(*module, *fn, f);
  }
  return verified(std::move(module));
}

std::variant<std::unique_ptr<llvm::Module>, std::string> generate_routine_module(llvm::LLVMContext& context,
                                                                                  const std::vector<ir::Routine>& routines,
                                                                                  const llvm::DataLayout& layout,
                                                                                  const std::string& module_name,
                                                                                  const std::string& symbol_prefix) {
  std::set<std::string> names;
  for (const ir::Routine& r : routines) {
    if (auto error = routine_error(r)) return *error;
    // LLVM would rename a second function of the same name, and its lookup find the first.
    if (!names.insert(r.name).second) return "two routines are named `" + r.name + "`";
  }
  auto module = empty_module(context, layout, module_name);
  auto* i64_ptr = llvm::Type::getInt64PtrTy(context);
  auto* type = llvm::FunctionType::get(llvm::Type::getVoidTy(context), {llvm::Type::getInt8PtrTy(context), i64_ptr, i64_ptr},
                                       false);
  for (const ir::Routine& r : routines) {
    auto* fn = llvm::Function::Create(type, llvm::Function::ExternalLinkage, symbol_prefix + r.name, *module);
    fn->addFnAttr(llvm::Attribute::NoUnwind);
    add_result_noalias(*fn);
    emit_routine(*module, *fn, r);
  }
  return verified(std::move(module));
}

}  // namespace writ::compiler
