#pragma once
// Internal to codegen: emits the IR of one expression into a native function being built.
// Shared by the builders of expression functions (codegen.cpp) and of routines
// (codegen_routine.cpp), so both give every operator the same code. The function's first
// parameter is the `const EvalContext*` every load goes through.
#include <llvm/IR/IRBuilder.h>

#include <utility>
#include <vector>

#include "compiler/ir.hpp"

namespace writ::compiler {

// A value in generated code: a scalar as i64, or a set as (i32* data, i64 len).
struct CgValue {
  llvm::Value* scalar = nullptr;
  llvm::Value* data = nullptr;
  llvm::Value* len = nullptr;
};

class ExprEmitter {
 public:
  // Starts `fn`'s entry block and leaves the builder there.
  ExprEmitter(llvm::Module& module, llvm::Function& fn);

  CgValue emit(const ir::Node& n);

  llvm::IRBuilder<>& builder() { return b_; }
  llvm::Type* i8() { return b_.getInt8Ty(); }
  llvm::Type* i32() { return b_.getInt32Ty(); }
  llvm::IntegerType* i64() { return b_.getInt64Ty(); }
  llvm::PointerType* i8_ptr() { return b_.getInt8PtrTy(); }
  llvm::PointerType* i32_ptr() { return b_.getInt32Ty()->getPointerTo(); }

  // Stores `value` in word `index` of a record of the context (an Assign step).
  void store_word(RecordSource source, std::uint32_t index, llvm::Value* value);
  llvm::Value* to_word(llvm::Value* flag) { return b_.CreateZExt(flag, i64()); }
  llvm::Value* truth(llvm::Value* word) { return b_.CreateICmpNE(word, b_.getInt64(0)); }
  // A new block at the end of the function.
  llvm::BasicBlock* block(const char* name);
  // Allocas go first in the entry block, so each is made once however often the code runs.
  llvm::Value* entry_alloca(llvm::Type* type);
  // Joins values computed in several blocks.
  CgValue join(bool is_set, const std::vector<std::pair<CgValue, llvm::BasicBlock*>>& incoming);

 private:
  // The memory an access touches, for LLVM's scoped alias analysis (tag()).
  enum class Region { Context, Event, State, Global, Started, Count };
  static Region region_of(RecordSource source);
  // Marks `access` as touching `region` and none of the others.
  void tag(llvm::Instruction* access, Region region);

  llvm::Value* context_member(std::size_t offset, llvm::Type* type);
  llvm::Value* word_address(RecordSource source, std::uint32_t index);
  llvm::Value* word(RecordSource source, std::uint32_t index);
  llvm::FunctionCallee runtime(const char* name, llvm::Type* result, std::vector<llvm::Type*> params);
  llvm::Value* call_flag(const char* name, std::vector<llvm::Value*> args);
  llvm::Value* id(llvm::Value* word) { return b_.CreateTrunc(word, i32()); }
  llvm::Value* scalar(const ir::Node& n, std::size_t i) { return emit(*n.args[i]).scalar; }

  CgValue emit_const_set(const ir::Node& n);
  CgValue emit_load_set(const ir::Node& n);
  llvm::Value* emit_division(const ir::Node& n);
  llvm::Value* emit_in(const ir::Node& n);
  CgValue emit_make_set(const ir::Node& n);
  CgValue emit_logical(const ir::Node& n);
  CgValue emit_if(const ir::Node& n);
  CgValue emit_switch(const ir::Node& n);
  llvm::Value* compare(const ir::Node& n);

  llvm::Module& module_;
  llvm::LLVMContext& ctx_;
  llvm::IRBuilder<> b_;
  llvm::IRBuilder<> entry_;  // for allocas (entry_alloca)
  llvm::Value* context_ = nullptr;
  // Per region: its scope list, and the list of every other region's scope.
  std::vector<std::pair<llvm::MDNode*, llvm::MDNode*>> scopes_;
};

}  // namespace writ::compiler
