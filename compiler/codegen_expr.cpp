#include "compiler/codegen_expr.hpp"

#include <llvm/IR/Constants.h>
#include <llvm/IR/MDBuilder.h>
#include <llvm/IR/Module.h>

#include <iterator>

#include "compiler/record_layout.hpp"

namespace writ::compiler {

using ir::Node;
using ir::Op;

static_assert(offsetof(SetRef, data) == 0 && offsetof(SetRef, len) == 8, "SetRef layout is part of the ABI");

// The context and each of its records are distinct memory: the runtime never makes one record
// a view of another. Telling LLVM so (every access names its region's scope, and every other
// region as noalias) lets it keep event words and the record pointers in registers across a
// `set` stored in the state or global record.
ExprEmitter::ExprEmitter(llvm::Module& module, llvm::Function& fn)
    : module_(module), ctx_(module.getContext()), b_(ctx_), entry_(ctx_) {
  b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "entry", &fn));
  context_ = fn.getArg(0);
  static constexpr const char* kNames[] = {"writ.context", "writ.event", "writ.state", "writ.global", "writ.started"};
  static_assert(std::size(kNames) == static_cast<std::size_t>(Region::Count));
  llvm::MDBuilder md(ctx_);
  llvm::MDNode* domain = md.createAliasScopeDomain("writ.records");
  std::vector<llvm::Metadata*> all;
  for (const char* name : kNames) all.push_back(md.createAliasScope(name, domain));
  for (std::size_t r = 0; r < all.size(); ++r) {
    std::vector<llvm::Metadata*> others;
    for (std::size_t o = 0; o < all.size(); ++o) {
      if (o != r) others.push_back(all[o]);
    }
    scopes_.emplace_back(llvm::MDNode::get(ctx_, {all[r]}), llvm::MDNode::get(ctx_, others));
  }
}

ExprEmitter::Region ExprEmitter::region_of(RecordSource source) {
  switch (source) {
    case RecordSource::Event: return Region::Event;
    case RecordSource::State: return Region::State;
    case RecordSource::Global: return Region::Global;
    case RecordSource::Started: return Region::Started;
  }
  return Region::Event;
}

void ExprEmitter::tag(llvm::Instruction* access, Region region) {
  const auto& [own, others] = scopes_[static_cast<std::size_t>(region)];
  access->setMetadata(llvm::LLVMContext::MD_alias_scope, own);
  access->setMetadata(llvm::LLVMContext::MD_noalias, others);
}

// The member of EvalContext at `offset`, loaded as `type`.
llvm::Value* ExprEmitter::context_member(std::size_t offset, llvm::Type* type) {
  llvm::Value* address = b_.CreateConstGEP1_64(i8(), context_, offset);
  llvm::LoadInst* load = b_.CreateLoad(type, b_.CreateBitCast(address, type->getPointerTo()));
  tag(load, Region::Context);
  return load;
}

llvm::Value* ExprEmitter::word_address(RecordSource source, std::uint32_t index) {
  llvm::Value* base = context_member(record_pointer_offset(source), i64()->getPointerTo());
  return b_.CreateConstGEP1_64(i64(), base, index);
}

llvm::Value* ExprEmitter::word(RecordSource source, std::uint32_t index) {
  llvm::LoadInst* load = b_.CreateLoad(i64(), word_address(source, index));
  tag(load, region_of(source));
  return load;
}

void ExprEmitter::store_word(RecordSource source, std::uint32_t index, llvm::Value* value) {
  tag(b_.CreateStore(value, word_address(source, index)), region_of(source));
}

llvm::FunctionCallee ExprEmitter::runtime(const char* name, llvm::Type* result, std::vector<llvm::Type*> params) {
  return module_.getOrInsertFunction(name, llvm::FunctionType::get(result, params, false));
}

// The set helpers return a C++ bool: read its byte rather than trusting upper bits.
llvm::Value* ExprEmitter::call_flag(const char* name, std::vector<llvm::Value*> args) {
  std::vector<llvm::Type*> params;
  for (llvm::Value* a : args) params.push_back(a->getType());
  llvm::Value* r = b_.CreateCall(runtime(name, i8(), params), args);
  return to_word(b_.CreateICmpNE(r, llvm::ConstantInt::get(i8(), 0)));
}

llvm::BasicBlock* ExprEmitter::block(const char* name) {
  return llvm::BasicBlock::Create(ctx_, name, b_.GetInsertBlock()->getParent());
}

llvm::Value* ExprEmitter::entry_alloca(llvm::Type* type) {
  llvm::BasicBlock& entry = b_.GetInsertBlock()->getParent()->getEntryBlock();
  entry_.SetInsertPoint(&entry, entry.begin());
  return entry_.CreateAlloca(type);
}

CgValue ExprEmitter::join(bool is_set, const std::vector<std::pair<CgValue, llvm::BasicBlock*>>& incoming) {
  auto phi = [&](llvm::Type* type, llvm::Value* CgValue::*member) {
    llvm::PHINode* p = b_.CreatePHI(type, static_cast<unsigned>(incoming.size()));
    for (const auto& [v, block] : incoming) p->addIncoming(v.*member, block);
    return p;
  };
  if (is_set) return {nullptr, phi(i32_ptr(), &CgValue::data), phi(i64(), &CgValue::len)};
  return {phi(i64(), &CgValue::scalar), nullptr, nullptr};
}

CgValue ExprEmitter::emit_const_set(const Node& n) {
  if (n.set.empty()) return {nullptr, llvm::ConstantPointerNull::get(i32_ptr()), b_.getInt64(0)};
  auto* array = llvm::ConstantDataArray::get(ctx_, llvm::ArrayRef<std::uint32_t>(n.set));
  auto* global = new llvm::GlobalVariable(module_, array->getType(), true, llvm::GlobalValue::PrivateLinkage, array, "set");
  global->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
  llvm::Value* data = b_.CreateConstInBoundsGEP2_64(array->getType(), global, 0, 0);
  return {nullptr, data, b_.getInt64(static_cast<std::int64_t>(n.set.size()))};
}

CgValue ExprEmitter::emit_load_set(const Node& n) {
  llvm::Value* pointer = b_.CreateIntToPtr(word(n.source, n.word), i32_ptr());
  return {nullptr, pointer, word(n.source, n.word + 1)};
}

// x / 0 == 0, x % 0 == x, and INT64_MIN / -1 wraps: the divisor is replaced by 1 when it is
// 0 or -1, so sdiv/srem never trap, and those cases are selected afterwards.
llvm::Value* ExprEmitter::emit_division(const Node& n) {
  llvm::Value* a = scalar(n, 0);
  llvm::Value* d = scalar(n, 1);
  llvm::Value* zero = b_.CreateICmpEQ(d, b_.getInt64(0));
  llvm::Value* minus_one = b_.CreateICmpEQ(d, b_.getInt64(-1));
  llvm::Value* safe = b_.CreateSelect(b_.CreateOr(zero, minus_one), b_.getInt64(1), d);
  if (n.op == Op::Div) {
    llvm::Value* q = b_.CreateSelect(minus_one, b_.CreateSub(b_.getInt64(0), a), b_.CreateSDiv(a, safe));
    return b_.CreateSelect(zero, b_.getInt64(0), q);
  }
  llvm::Value* r = b_.CreateSelect(minus_one, b_.getInt64(0), b_.CreateSRem(a, safe));
  return b_.CreateSelect(zero, a, r);
}

// A literal set becomes a compare chain, which the optimiser turns into a switch.
llvm::Value* ExprEmitter::emit_in(const Node& n) {
  llvm::Value* element = scalar(n, 0);
  const Node& set = *n.args[1];
  if (set.op == Op::ConstSet) {
    llvm::Value* found = b_.getFalse();
    for (std::uint32_t member : set.set) found = b_.CreateOr(found, b_.CreateICmpEQ(element, b_.getInt64(member)));
    return to_word(found);
  }
  CgValue s = emit(set);
  return call_flag("writ_set_contains", {s.data, s.len, id(element)});
}

CgValue ExprEmitter::emit_make_set(const Node& n) {
  auto* array_type = llvm::ArrayType::get(i32(), n.args.size());
  llvm::Value* array = entry_alloca(array_type);
  for (std::size_t i = 0; i < n.args.size(); ++i) {
    b_.CreateStore(id(scalar(n, i)), b_.CreateConstInBoundsGEP2_64(array_type, array, 0, i));
  }
  auto* ref_type = llvm::StructType::get(ctx_, {i32_ptr(), i64()});
  llvm::Value* ref = entry_alloca(ref_type);
  llvm::Value* arena = context_member(offsetof(EvalContext, arena), i8_ptr());
  llvm::Value* first = b_.CreateConstInBoundsGEP2_64(array_type, array, 0, 0);
  b_.CreateCall(runtime("writ_set_build", b_.getVoidTy(), {i8_ptr(), i32_ptr(), i64(), ref_type->getPointerTo()}),
                {arena, first, b_.getInt64(static_cast<std::int64_t>(n.args.size())), ref});
  return {nullptr, b_.CreateLoad(i32_ptr(), b_.CreateStructGEP(ref_type, ref, 0)),
          b_.CreateLoad(i64(), b_.CreateStructGEP(ref_type, ref, 1))};
}

CgValue ExprEmitter::emit_logical(const Node& n) {
  bool is_and = n.op == Op::And;
  llvm::Value* left = truth(scalar(n, 0));
  llvm::BasicBlock* left_end = b_.GetInsertBlock();
  llvm::BasicBlock* right_block = block(is_and ? "and.rhs" : "or.rhs");
  llvm::BasicBlock* done = block(is_and ? "and.end" : "or.end");
  b_.CreateCondBr(left, is_and ? right_block : done, is_and ? done : right_block);
  b_.SetInsertPoint(right_block);
  CgValue right{to_word(truth(scalar(n, 1)))};
  llvm::BasicBlock* right_end = b_.GetInsertBlock();
  b_.CreateBr(done);
  b_.SetInsertPoint(done);
  return join(false, {{CgValue{b_.getInt64(is_and ? 0 : 1)}, left_end}, {right, right_end}});
}

CgValue ExprEmitter::emit_if(const Node& n) {
  llvm::Value* cond = truth(scalar(n, 0));
  llvm::BasicBlock* then_block = block("if.then");
  llvm::BasicBlock* else_block = block("if.else");
  llvm::BasicBlock* done = block("if.end");
  b_.CreateCondBr(cond, then_block, else_block);
  std::vector<std::pair<CgValue, llvm::BasicBlock*>> incoming;
  for (auto [index, target] : {std::pair{1, then_block}, std::pair{2, else_block}}) {
    b_.SetInsertPoint(target);
    CgValue v = emit(*n.args[index]);
    incoming.emplace_back(v, b_.GetInsertBlock());
    b_.CreateBr(done);
  }
  b_.SetInsertPoint(done);
  return join(n.is_set, incoming);
}

// Keys are computed once; each case is a test block, and only the matching value is run.
CgValue ExprEmitter::emit_switch(const Node& n) {
  std::vector<llvm::Value*> keys;
  for (std::size_t i = 0; i < n.args.size(); ++i) keys.push_back(scalar(n, i));
  llvm::BasicBlock* done = block("table.end");
  std::vector<std::pair<CgValue, llvm::BasicBlock*>> incoming;
  for (const ir::Case& c : n.cases) {
    llvm::Value* match = b_.getTrue();
    for (std::size_t i = 0; i < keys.size(); ++i) match = b_.CreateAnd(match, b_.CreateICmpEQ(keys[i], b_.getInt64(c.keys[i])));
    llvm::BasicBlock* hit = block("table.row");
    llvm::BasicBlock* next = block("table.next");
    b_.CreateCondBr(match, hit, next);
    b_.SetInsertPoint(hit);
    CgValue v = emit(*c.value);
    incoming.emplace_back(v, b_.GetInsertBlock());
    b_.CreateBr(done);
    b_.SetInsertPoint(next);
  }
  CgValue other = emit(*n.otherwise);
  incoming.emplace_back(other, b_.GetInsertBlock());
  b_.CreateBr(done);
  b_.SetInsertPoint(done);
  return join(n.is_set, incoming);
}

llvm::Value* ExprEmitter::compare(const Node& n) {
  llvm::Value* a = scalar(n, 0);
  llvm::Value* c = scalar(n, 1);
  switch (n.op) {
    case Op::Eq: return to_word(b_.CreateICmpEQ(a, c));
    case Op::Ne: return to_word(b_.CreateICmpNE(a, c));
    case Op::Lt: return to_word(b_.CreateICmpSLT(a, c));
    case Op::Le: return to_word(b_.CreateICmpSLE(a, c));
    case Op::Gt: return to_word(b_.CreateICmpSGT(a, c));
    case Op::Ge: return to_word(b_.CreateICmpSGE(a, c));
    case Op::Min: return b_.CreateSelect(b_.CreateICmpSLT(a, c), a, c);
    case Op::Max: return b_.CreateSelect(b_.CreateICmpSGT(a, c), a, c);
    // No nsw/nuw flags: overflow wraps instead of being poison.
    case Op::Add: return b_.CreateAdd(a, c);
    case Op::Sub: return b_.CreateSub(a, c);
    default: return b_.CreateMul(a, c);
  }
}

CgValue ExprEmitter::emit(const Node& n) {
  switch (n.op) {
    case Op::Const: return {b_.getInt64(n.value)};
    case Op::ConstSet: return emit_const_set(n);
    case Op::Load: return {word(n.source, n.word)};
    case Op::LoadSet: return emit_load_set(n);
    case Op::Present: {
      llvm::Value* bits = word(n.source, presence_word(n.bit));
      llvm::Value* mask = b_.getInt64(static_cast<std::int64_t>(presence_mask(n.bit)));
      return {to_word(b_.CreateICmpNE(b_.CreateAnd(bits, mask), b_.getInt64(0)))};
    }
    case Op::Now: return {context_member(offsetof(EvalContext, now), i64())};
    case Op::Not: return {to_word(b_.CreateICmpEQ(scalar(n, 0), b_.getInt64(0)))};
    case Op::Neg: return {b_.CreateSub(b_.getInt64(0), scalar(n, 0))};
    case Op::And:
    case Op::Or: return emit_logical(n);
    case Op::Eq: case Op::Ne: case Op::Lt: case Op::Le: case Op::Gt: case Op::Ge:
    case Op::Min: case Op::Max: case Op::Add: case Op::Sub: case Op::Mul: return {compare(n)};
    case Op::Div:
    case Op::Mod: return {emit_division(n)};
    case Op::SetEq:
    case Op::ContainsAll:
    case Op::ContainsAny: {
      CgValue a = emit(*n.args[0]);
      CgValue c = emit(*n.args[1]);
      const char* name = n.op == Op::SetEq ? "writ_set_equal" : n.op == Op::ContainsAll ? "writ_set_contains_all" : "writ_set_contains_any";
      return {call_flag(name, {a.data, a.len, c.data, c.len})};
    }
    case Op::In: return {emit_in(n)};
    case Op::Len: return {emit(*n.args[0]).len};
    case Op::MakeSet: return emit_make_set(n);
    case Op::Lower: {
      llvm::Value* strings = context_member(offsetof(EvalContext, strings), i8_ptr());
      llvm::Value* r = b_.CreateCall(runtime("writ_lower", i32(), {i8_ptr(), i32()}), {strings, id(scalar(n, 0))});
      return {b_.CreateZExt(r, i64())};
    }
    case Op::BusinessElapsed: {
      llvm::Value* table = context_member(offsetof(EvalContext, calendars), i8_ptr());
      llvm::Value* count = context_member(offsetof(EvalContext, calendar_count), i64());
      return {b_.CreateCall(runtime("writ_business_elapsed", i64(), {i8_ptr(), i64(), i64(), i64(), i64()}),
                            {table, count, b_.getInt64(n.value), scalar(n, 0), scalar(n, 1)})};
    }
    case Op::StartsWith: {
      llvm::Value* s = id(scalar(n, 0));
      llvm::Value* prefix = id(scalar(n, 1));
      return {call_flag("writ_starts_with", {context_member(offsetof(EvalContext, strings), i8_ptr()), s, prefix})};
    }
    case Op::If: return emit_if(n);
    case Op::Switch: return emit_switch(n);
  }
  return {b_.getInt64(0)};
}

}  // namespace writ::compiler
