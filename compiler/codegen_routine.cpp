#include "compiler/codegen_routine.hpp"

#include <llvm/IR/Module.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "compiler/codegen_expr.hpp"

namespace writ::compiler {

namespace {

using ir::Step;

// Slots no Value step owns are zeroed once, so every slot is written on every call.
std::vector<std::uint32_t> unowned_slots(const ir::Routine& routine) {
  std::vector<bool> owned(routine.slot_count, false);
  for (const Step& step : routine.steps) {
    if (step.kind != Step::Kind::Value) continue;
    owned[step.slot] = true;
    if (step.expr->is_set) owned[step.slot + 1] = true;
  }
  std::vector<std::uint32_t> out;
  for (std::uint32_t slot = 0; slot < owned.size(); ++slot) {
    if (!owned[slot]) out.push_back(slot);
  }
  return out;
}

// Emits steps [first, last) of a routine into `fn`. The result bitset is built in one i64
// alloca per word, stored whole at the end; after mem2reg the words live in registers and a
// guard is a test of one. A whole routine starts its words at zero, so every bit is written
// on every call; a part starts them from `bits`, where the routine zeroed them and earlier
// parts wrote theirs.
class StepEmitter {
 public:
  enum class Words { Zero, FromBits };

  StepEmitter(llvm::Module& module, llvm::Function& fn, const ir::Routine& routine)
      : e_(module, fn), b_(e_.builder()), routine_(routine), bits_out_(fn.getArg(1)), slots_(fn.getArg(2)) {}

  void build(std::size_t first, std::size_t last, Words start, bool zero_unowned_slots) {
    for (std::uint32_t w = 0; w < ir::bit_words(routine_.bit_count); ++w) {
      words_.push_back(e_.entry_alloca(e_.i64()));
      llvm::Value* initial = b_.getInt64(0);
      if (start == Words::FromBits) initial = b_.CreateLoad(e_.i64(), bit_word(w));
      b_.CreateStore(initial, words_.back());
    }
    if (zero_unowned_slots) {
      for (std::uint32_t slot : unowned_slots(routine_)) b_.CreateStore(b_.getInt64(0), slot_address(slot));
    }
    for (std::size_t i = first; i < last; ++i) emit_step(routine_.steps[i]);
    for (std::uint32_t w = 0; w < words_.size(); ++w) b_.CreateStore(b_.CreateLoad(e_.i64(), words_[w]), bit_word(w));
    b_.CreateRetVoid();
  }

 private:
  llvm::Value* slot_address(std::uint32_t slot) { return b_.CreateConstGEP1_64(e_.i64(), slots_, slot); }
  llvm::Value* bit_word(std::uint32_t w) { return b_.CreateConstGEP1_64(e_.i64(), bits_out_, w); }

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
  void store(const CgValue& v, bool is_set, const std::function<void(std::uint32_t, llvm::Value*)>& word) {
    if (!is_set) {
      word(0, v.scalar);
      return;
    }
    word(0, b_.CreatePtrToInt(v.data, e_.i64()));
    word(1, v.len);
  }

  void run(const Step& step) {
    switch (step.kind) {
      case Step::Kind::Test: write_bit(step.bit, e_.truth(e_.emit(*step.expr).scalar)); return;
      case Step::Kind::Value:
        store(e_.emit(*step.expr), step.expr->is_set,
              [&](std::uint32_t i, llvm::Value* w) { b_.CreateStore(w, slot_address(step.slot + i)); });
        return;
      case Step::Kind::Assign:
        store(e_.emit(*step.expr), step.expr->is_set,
              [&](std::uint32_t i, llvm::Value* w) { e_.store_word(step.target, step.word + i, w); });
        return;
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
  const std::size_t steps = routine.steps.size();
  if (steps <= kStepsPerPart) {
    StepEmitter(module, fn, routine).build(0, steps, StepEmitter::Words::Zero, true);
    return;
  }
  std::vector<llvm::Function*> parts;
  for (std::size_t first = 0; first < steps; first += kStepsPerPart) {
    auto* part = llvm::Function::Create(fn.getFunctionType(), llvm::Function::InternalLinkage,
                                        fn.getName() + ".part" + std::to_string(parts.size()), module);
    part->setAttributes(fn.getAttributes());  // nounwind, and the ABI's noalias results
    // Inlined back, the parts would make the one large function the split avoids.
    part->addFnAttr(llvm::Attribute::NoInline);
    StepEmitter(module, *part, routine).build(first, std::min(first + kStepsPerPart, steps), StepEmitter::Words::FromBits,
                                              false);
    parts.push_back(part);
  }
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(module.getContext(), "entry", &fn));
  llvm::Value* bits = fn.getArg(1);
  llvm::Value* slots = fn.getArg(2);
  for (std::uint32_t w = 0; w < ir::bit_words(routine.bit_count); ++w) {
    b.CreateStore(b.getInt64(0), b.CreateConstGEP1_64(b.getInt64Ty(), bits, w));
  }
  for (std::uint32_t slot : unowned_slots(routine)) {
    b.CreateStore(b.getInt64(0), b.CreateConstGEP1_64(b.getInt64Ty(), slots, slot));
  }
  for (llvm::Function* part : parts) b.CreateCall(part, {fn.getArg(0), bits, slots});
  b.CreateRetVoid();
}

}  // namespace writ::compiler
