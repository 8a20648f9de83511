#include "compiler/routine_interpreter.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "compiler/interpreter.hpp"
#include "compiler/routine_check.hpp"
#include "compiler/set_arena.hpp"

namespace writ::compiler {

namespace {

using ir::Step;

std::int64_t pointer_word(const std::uint32_t* data) {
  auto address = reinterpret_cast<std::uintptr_t>(data);
  std::int64_t word = 0;
  std::memcpy(&word, &address, sizeof address);
  return word;
}

std::int64_t* writable_record(const EvalContext& ctx, RecordSource target) {
  std::int64_t* words = target == RecordSource::State ? ctx.state : ctx.global;
  if (!words) throw std::invalid_argument("the evaluation context lacks the record a routine assigns to");
  return words;
}

// A set value as the two words generated code writes: where its ids are, and how many. A
// constant set stays where it is, as in generated code; any other goes into the arena.
void set_words(const ir::Node& expr, const EvalContext& ctx, std::int64_t* out) {
  if (expr.op == ir::Op::ConstSet) {
    out[0] = pointer_word(expr.set.data());
    out[1] = static_cast<std::int64_t>(expr.set.size());
    return;
  }
  if (!ctx.arena) throw std::invalid_argument("the evaluation context lacks the arena a routine's sets are built in");
  Value v = Interpreter::evaluate_node(expr, ctx);
  SetRef ref = ctx.arena->build(v.set.data(), v.set.size());
  out[0] = pointer_word(ref.data);
  out[1] = ref.len;
}

// Evaluates a step's value into `out`: one word, or two for a set.
void value_words(const ir::Node& expr, const EvalContext& ctx, std::int64_t* out) {
  if (expr.is_set) {
    set_words(expr, ctx, out);
  } else {
    out[0] = Interpreter::evaluate_node(expr, ctx).scalar;
  }
}

bool guard_holds(const std::vector<ir::BitTest>& guard, const std::uint64_t* bits) {
  return std::all_of(guard.begin(), guard.end(), [&](const ir::BitTest& t) { return ir::test_bit(bits, t.bit) == t.set; });
}

void write_bit(std::uint64_t* bits, std::uint32_t bit, bool value) {
  std::uint64_t mask = std::uint64_t{1} << (bit % 64);
  bits[bit / 64] = value ? bits[bit / 64] | mask : bits[bit / 64] & ~mask;
}

void run_step(const Step& step, const EvalContext& ctx, std::uint64_t* bits, std::int64_t* slots) {
  bool holds = guard_holds(step.guard, bits);
  std::size_t width = step.expr->is_set ? 2 : 1;
  switch (step.kind) {
    case Step::Kind::Test:
      write_bit(bits, step.bit, holds && Interpreter::evaluate_node(*step.expr, ctx).scalar != 0);
      return;
    case Step::Kind::Value:
      if (holds) {
        value_words(*step.expr, ctx, slots + step.slot);
      } else {
        std::fill_n(slots + step.slot, width, 0);
      }
      return;
    case Step::Kind::Assign: {
      if (!holds) return;
      // Computed aside first: the value may read the very words it replaces.
      std::int64_t words[2] = {0, 0};
      value_words(*step.expr, ctx, words);
      std::copy_n(words, width, writable_record(ctx, step.target) + step.word);
      return;
    }
  }
}

}  // namespace

RoutineInterpreter::RoutineInterpreter(const std::vector<ir::Routine>& routines) : routines_(&routines) {
  for (const ir::Routine& r : routines) {
    if (auto error = routine_error(r)) throw std::invalid_argument(*error);
  }
}

void RoutineInterpreter::run(std::size_t index, const EvalContext& ctx, std::uint64_t* bits, std::int64_t* slots) {
  const ir::Routine& routine = routines_->at(index);
  std::fill_n(bits, ir::bit_words(routine.bit_count), 0);
  std::fill_n(slots, routine.slot_count, 0);
  for (const Step& step : routine.steps) run_step(step, ctx, bits, slots);
}

}  // namespace writ::compiler
