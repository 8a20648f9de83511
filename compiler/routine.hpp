#pragma once
// A routine: what one native call evaluates. The Plan (plan.hpp) gives every event type
// three (screen, admit, apply) and every timer-driven block one, so one event costs a few
// indirect calls however many constructs apply to it. A routine is a straight list of steps
// in evaluation order; each step may be guarded by bits earlier steps wrote, which is how
// `when` conditions, first-match classify rows and guard clauses are expressed without
// control flow in the IR.
//
// What a routine writes:
//   - a result bitset: `Test` steps write one bit each (1 when the guard holds and the
//     condition is true, else 0: every bit a routine owns is written on every call);
//   - value slots: `Value` steps write an expression's value (a scalar in one slot, a set
//     as pointer and length in two), or zero when the guard fails;
//   - the incident state and the global record: `Assign` steps store a `set` action's
//     value in place, so later steps read the new value ("each rule sees the effects of
//     earlier ones"). A set stored this way points into the evaluation's SetArena or an
//     input record: the caller copies it into storage it owns (Record::adopt_sets) before
//     the arena is cleared.
#include <cstdint>
#include <string>
#include <vector>

#include "compiler/eval_context.hpp"
#include "compiler/ir.hpp"

namespace writ::compiler::ir {

// One condition on an earlier bit: the step runs only when bit `bit` equals `set`.
struct BitTest {
  std::uint32_t bit = 0;
  bool set = true;
  bool operator==(const BitTest&) const = default;
};

struct Step {
  enum class Kind { Test, Value, Assign };
  Kind kind = Kind::Test;
  std::vector<BitTest> guard;  // all must hold; empty: always
  std::uint32_t bit = 0;       // Test: the bit written
  std::uint32_t slot = 0;      // Value: the first slot written (a set takes two)
  RecordSource target = RecordSource::State;  // Assign: State or Global
  std::uint32_t word = 0;                     // Assign: the first word written
  NodePtr expr;                               // Test: a bool; Value, Assign: the value
};

struct Routine {
  std::string name;  // the native symbol, before the session's prefix
  std::vector<Step> steps;
  std::uint32_t bit_count = 0;
  std::uint32_t slot_count = 0;
};

// The words of a bitset of `bits` bits.
inline std::uint32_t bit_words(std::uint32_t bits) { return (bits + 63) / 64; }
inline bool test_bit(const std::uint64_t* bits, std::uint32_t bit) { return (bits[bit / 64] >> (bit % 64)) & 1; }

}  // namespace writ::compiler::ir

namespace writ::compiler {

// The C ABI of a compiled routine. `ctx->state` and `ctx->global` are written by Assign
// steps; `bits` has bit_words(bit_count) words and `slots` slot_count words, two buffers that
// overlap neither each other nor the context and its records (the JIT relies on it).
using CompiledRoutine = void (*)(const EvalContext* ctx, std::uint64_t* bits, std::int64_t* slots);

// What a routine produced.
struct RoutineResult {
  std::vector<std::uint64_t> bits;
  std::vector<std::int64_t> slots;
};

// The one interface both engines implement for routines. `run` writes into `bits` and
// `slots`, which the caller sizes from the routine's counts: bit_words(bit_count) and
// slot_count words (a RoutineResult can hold them).
class RoutineEvaluator {
 public:
  virtual ~RoutineEvaluator() = default;
  virtual std::size_t size() const = 0;
  virtual void run(std::size_t index, const EvalContext& ctx, std::uint64_t* bits, std::int64_t* slots) = 0;
};

}  // namespace writ::compiler
