#include "compiler/codegen_routine.hpp"

#include <llvm/IR/Module.h>

#include <vector>

#include "compiler/codegen_expr.hpp"

namespace writ::compiler {

namespace {

using ir::Step;

// The result bitset is built in one i64 alloca per word, zeroed on entry and stored whole at
// the end, so every bit is written on every call; after mem2reg the words live in
// registers and a guard is a test of one.
class RoutineBuilder {
 public:
  RoutineBuilder(llvm::Module& module, llvm::Function& fn, const ir::Routine& routine)
      : e_(module, fn), b_(e_.builder()), routine_(routine), bits_out_(fn.getArg(1)), slots_(fn.getArg(2)) {}

  void build() {
    for (std::uint32_t w = 0; w < ir::bit_words(routine_.bit_count); ++w) {
      words_.push_back(e_.entry_alloca(e_.i64()));
      b_.CreateStore(b_.getInt64(0), words_.back());
    }
    zero_unwritten_slots();
    for (const Step& step : routine_.steps) emit_step(step);
    for (std::uint32_t w = 0; w < words_.size(); ++w) {
      b_.CreateStore(b_.CreateLoad(e_.i64(), words_[w]), b_.CreateConstGEP1_64(e_.i64(), bits_out_, w));
    }
    b_.CreateRetVoid();
  }

 private:
  llvm::Value* slot_address(std::uint32_t slot) { return b_.CreateConstGEP1_64(e_.i64(), slots_, slot); }

  // Slots no Value step owns are zeroed once, so every slot is written on every call.
  void zero_unwritten_slots() {
    std::vector<bool> owned(routine_.slot_count, false);
    for (const Step& step : routine_.steps) {
      if (step.kind != Step::Kind::Value) continue;
      owned[step.slot] = true;
      if (step.expr->is_set) owned[step.slot + 1] = true;
    }
    for (std::uint32_t slot = 0; slot < owned.size(); ++slot) {
      if (!owned[slot]) b_.CreateStore(b_.getInt64(0), slot_address(slot));
    }
  }

  llvm::Value* guard_holds(const std::vector<ir::BitTest>& guard) {
    llvm::Value* all = nullptr;
    for (const ir::BitTest& test : guard) {
      llvm::Value* word = b_.CreateLoad(e_.i64(), words_[test.bit / 64]);
      llvm::Value* masked = b_.CreateAnd(word, b_.getInt64(std::int64_t{1} << (test.bit % 64)));
      llvm::Value* holds = test.set ? b_.CreateICmpNE(masked, b_.getInt64(0)) : b_.CreateICmpEQ(masked, b_.getInt64(0));
      all = all ? b_.CreateAnd(all, holds) : holds;
    }
    return all;
  }

  void write_bit(std::uint32_t bit, llvm::Value* flag) {
    llvm::Value* address = words_[bit / 64];
    auto shift = static_cast<std::uint64_t>(bit % 64);
    llvm::Value* cleared = b_.CreateAnd(b_.CreateLoad(e_.i64(), address), b_.getInt64(~(std::uint64_t{1} << shift)));
    llvm::Value* value = b_.CreateShl(e_.to_word(flag), b_.getInt64(shift));
    b_.CreateStore(b_.CreateOr(cleared, value), address);
  }

  // A scalar in one word; a set as its pointer's bits, then its length.
  void store(const CgValue& v, bool is_set, llvm::Value* first, llvm::Value* second) {
    if (!is_set) {
      b_.CreateStore(v.scalar, first);
      return;
    }
    b_.CreateStore(b_.CreatePtrToInt(v.data, e_.i64()), first);
    b_.CreateStore(v.len, second);
  }

  void run(const Step& step) {
    switch (step.kind) {
      case Step::Kind::Test: write_bit(step.bit, e_.truth(e_.emit(*step.expr).scalar)); return;
      case Step::Kind::Value: {
        CgValue v = e_.emit(*step.expr);
        store(v, step.expr->is_set, slot_address(step.slot), step.expr->is_set ? slot_address(step.slot + 1) : nullptr);
        return;
      }
      case Step::Kind::Assign: {
        CgValue v = e_.emit(*step.expr);
        llvm::Value* first = e_.word_address(step.target, step.word);
        store(v, step.expr->is_set, first, step.expr->is_set ? e_.word_address(step.target, step.word + 1) : nullptr);
        return;
      }
    }
  }

  // What a step whose guard fails writes: a 0 bit, zero slots, nothing in the records.
  void skip(const Step& step) {
    if (step.kind == Step::Kind::Test) write_bit(step.bit, b_.getFalse());
    if (step.kind != Step::Kind::Value) return;
    b_.CreateStore(b_.getInt64(0), slot_address(step.slot));
    if (step.expr->is_set) b_.CreateStore(b_.getInt64(0), slot_address(step.slot + 1));
  }

  void emit_step(const Step& step) {
    llvm::Value* holds = guard_holds(step.guard);
    if (!holds) {
      run(step);
      return;
    }
    llvm::BasicBlock* run_block = e_.block("step.run");
    llvm::BasicBlock* skip_block = e_.block("step.skip");
    llvm::BasicBlock* done = e_.block("step.end");
    b_.CreateCondBr(holds, run_block, skip_block);
    b_.SetInsertPoint(run_block);
    run(step);
    b_.CreateBr(done);
    b_.SetInsertPoint(skip_block);
    skip(step);
    b_.CreateBr(done);
    b_.SetInsertPoint(done);
  }

  ExprEmitter e_;
  llvm::IRBuilder<>& b_;
  const ir::Routine& routine_;
  llvm::Value* bits_out_;
  llvm::Value* slots_;
  std::vector<llvm::Value*> words_;
};

}  // namespace

void emit_routine(llvm::Module& module, llvm::Function& fn, const ir::Routine& routine) {
  RoutineBuilder(module, fn, routine).build();
}

}  // namespace writ::compiler
