#pragma once
// Test helper for the routine differential test: from a seed and a compiled random policy
// (policy_generator.hpp, compiled_policy.hpp), random routines over one event type's
// expressions: Tests of its conditions, Values and Assigns of its expressions of every type
// (sets included) into state and global fields of that type, guards over random earlier
// bits, first-match chains as classify compiles to, and bitsets and slot arrays with parts
// no step writes, sometimes wider than one word, sometimes long enough to be split.
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "compiler/routine.hpp"
#include "tests/support/compiled_policy.hpp"

namespace writ::test {

inline compiler::ir::NodePtr clone(const compiler::ir::Node& n) {
  auto c = std::make_unique<compiler::ir::Node>();
  c->op = n.op;
  c->is_set = n.is_set;
  c->value = n.value;
  c->set = n.set;
  c->source = n.source;
  c->word = n.word;
  c->bit = n.bit;
  for (const compiler::ir::NodePtr& arg : n.args) c->args.push_back(clone(*arg));
  for (const compiler::ir::Case& k : n.cases) c->cases.push_back(compiler::ir::Case{k.keys, clone(*k.value)});
  if (n.otherwise) c->otherwise = clone(*n.otherwise);
  return c;
}

// One line per step, for failure reports.
inline std::string describe(const compiler::ir::Routine& r) {
  using Kind = compiler::ir::Step::Kind;
  std::string out = fmt::format("routine {} ({} bits, {} slots)\n", r.name, r.bit_count, r.slot_count);
  for (std::size_t i = 0; i < r.steps.size(); ++i) {
    const compiler::ir::Step& s = r.steps[i];
    std::vector<std::string> guard;
    for (const compiler::ir::BitTest& t : s.guard) guard.push_back(fmt::format("{}{}", t.set ? "" : "!", t.bit));
    std::string what = s.kind == Kind::Test    ? fmt::format("test bit {}", s.bit)
                       : s.kind == Kind::Value ? fmt::format("value slot {}", s.slot)
                                               : fmt::format("assign {} word {}",
                                                             s.target == compiler::RecordSource::State ? "state" : "global", s.word);
    out += fmt::format("  {}: [{}] {} = {}\n", i, fmt::join(guard, " "), what, compiler::ir::to_string(*s.expr));
  }
  return out;
}

class RoutineGenerator {
 public:
  RoutineGenerator(std::uint64_t seed, const CompiledPolicy& policy) : rng_(seed), policy_(policy) {}

  compiler::ir::Routine routine(std::string name, const std::string& event_type) {
    start(event_type);
    routine_ = compiler::ir::Routine{};
    routine_.name = std::move(name);
    // Sometimes enough tests up front that later bits are in a second or third word; most
    // are cheap, so the module stays quick to compile.
    if (chance(15)) {
      for (int i = 60 + pick(80); i > 0; --i) {
        if (chance(90)) {
          add_test(guard(), cheap_condition(event_type));
        } else {
          add_test(guard());
        }
      }
    }
    // Sometimes longer than the JIT's part size (kStepsPerPart, codegen_routine.cpp), so the
    // routine is split into functions: guards then test bits, and steps read record words,
    // that earlier parts wrote.
    const int long_steps = chance(4) ? 200 + pick(250) : 0;
    for (int steps = 2 + pick(18) + long_steps; steps > 0; --steps) {
      switch (pick(10)) {
        case 0: case 1: case 2: case 3: add_test(guard()); break;
        case 4: case 5: case 6: add_value(guard()); break;
        case 7: case 8: add_assign(guard()); break;
        default: add_chain(); break;
      }
    }
    routine_.bit_count = next_bit_ + (chance(20) ? static_cast<std::uint32_t>(pick(130)) : 0);
    routine_.slot_count = next_slot_ + (chance(20) ? static_cast<std::uint32_t>(pick(4)) : 0);
    return std::move(routine_);
  }

 private:
  struct Target {
    compiler::RecordSource record;
    const compiler::FieldSlot* field;
  };

  int pick(int n) { return static_cast<int>(rng_() % static_cast<std::uint64_t>(n)); }
  bool chance(int percent) { return pick(100) < percent; }

  void start(const std::string& event_type) {
    conditions_.clear();
    values_.clear();
    written_.clear();
    next_bit_ = 0;
    next_slot_ = 0;
    for (std::size_t i = 0; i < policy_.functions.size(); ++i) {
      if (policy_.event_types[i] != event_type) continue;
      values_.push_back(i);
      if (policy_.functions[i].type.kind == lang::Type::Kind::Bool) conditions_.push_back(i);
    }
  }

  const compiler::ir::Function& any_of(const std::vector<std::size_t>& pool) {
    return policy_.functions[pool[static_cast<std::size_t>(pick(static_cast<int>(pool.size())))]];
  }

  std::vector<compiler::ir::BitTest> guard() {
    std::vector<compiler::ir::BitTest> out;
    if (written_.empty() || chance(40)) return out;
    for (int i = 1 + pick(3); i > 0; --i) {
      out.push_back({written_[static_cast<std::size_t>(pick(static_cast<int>(written_.size())))], chance(50)});
    }
    return out;
  }

  compiler::ir::Step step(compiler::ir::Step::Kind kind, std::vector<compiler::ir::BitTest> guard, compiler::ir::NodePtr expr) {
    compiler::ir::Step s;
    s.kind = kind;
    s.guard = std::move(guard);
    s.expr = std::move(expr);
    return s;
  }

  // A comparison of one scalar event field with a small constant.
  compiler::ir::NodePtr cheap_condition(const std::string& event_type) {
    std::vector<const compiler::FieldSlot*> scalars;
    for (const compiler::FieldSlot& f : policy_.layouts.event(event_type)->fields()) {
      if (!f.is_set()) scalars.push_back(&f);
    }
    auto load = compiler::ir::make_op(compiler::ir::Op::Load, false, {});
    load->source = compiler::RecordSource::Event;
    load->word = scalars[static_cast<std::size_t>(pick(static_cast<int>(scalars.size())))]->word;
    static const compiler::ir::Op ops[] = {compiler::ir::Op::Eq, compiler::ir::Op::Ne, compiler::ir::Op::Lt, compiler::ir::Op::Gt};
    std::vector<compiler::ir::NodePtr> args;
    args.push_back(std::move(load));
    args.push_back(compiler::ir::make_const(pick(4)));
    return compiler::ir::make_op(ops[pick(4)], false, std::move(args));
  }

  std::uint32_t add_test(std::vector<compiler::ir::BitTest> guard, compiler::ir::NodePtr condition = nullptr) {
    if (!condition) condition = conditions_.empty() ? compiler::ir::make_const(1) : clone(*any_of(conditions_).body);
    compiler::ir::Step s = step(compiler::ir::Step::Kind::Test, std::move(guard), std::move(condition));
    s.bit = next_bit_++;
    routine_.steps.push_back(std::move(s));
    written_.push_back(routine_.steps.back().bit);
    return routine_.steps.back().bit;
  }

  void add_value(std::vector<compiler::ir::BitTest> guard) {
    if (values_.empty()) return;
    compiler::ir::Step s = step(compiler::ir::Step::Kind::Value, std::move(guard), clone(*any_of(values_).body));
    s.slot = next_slot_;
    next_slot_ += s.expr->is_set ? 2 : 1;
    routine_.steps.push_back(std::move(s));
  }

  // A `set` of a state or global field of the expression's type.
  void add_assign(std::vector<compiler::ir::BitTest> guard) {
    if (values_.empty()) return;
    const compiler::ir::Function& f = any_of(values_);
    std::vector<Target> targets;
    for (auto [record, layout] : {std::pair{compiler::RecordSource::State, &policy_.layouts.state},
                                  std::pair{compiler::RecordSource::Global, &policy_.layouts.global}}) {
      for (const compiler::FieldSlot& field : layout->fields()) {
        if (field.type.same(f.type)) targets.push_back({record, &field});
      }
    }
    if (targets.empty()) return;
    const Target& target = targets[static_cast<std::size_t>(pick(static_cast<int>(targets.size())))];
    compiler::ir::Step s = step(compiler::ir::Step::Kind::Assign, std::move(guard), clone(*f.body));
    s.target = target.record;
    s.word = target.field->word;
    routine_.steps.push_back(std::move(s));
  }

  // A classify: each row's test runs only when no earlier row held; each row's action is
  // guarded by its bit.
  void add_chain() {
    std::vector<compiler::ir::BitTest> outer = guard();
    std::vector<std::uint32_t> rows;
    int count = 2 + pick(3);
    for (int i = 0; i < count; ++i) {
      std::vector<compiler::ir::BitTest> g = outer;
      for (std::uint32_t row : rows) g.push_back({row, false});
      // The last row is sometimes `otherwise`.
      bool otherwise = i + 1 == count && chance(50);
      rows.push_back(add_test(std::move(g), otherwise ? compiler::ir::make_const(1) : nullptr));
    }
    for (std::uint32_t row : rows) {
      if (chance(50)) {
        add_assign({{row, true}});
      } else {
        add_value({{row, true}});
      }
    }
  }

  std::mt19937_64 rng_;
  const CompiledPolicy& policy_;
  compiler::ir::Routine routine_;
  std::vector<std::size_t> conditions_;  // indexes of the event type's bool functions
  std::vector<std::size_t> values_;      // of all its functions
  std::vector<std::uint32_t> written_;   // bits earlier steps wrote
  std::uint32_t next_bit_ = 0;
  std::uint32_t next_slot_ = 0;
};

}  // namespace writ::test
