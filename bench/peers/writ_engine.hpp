#pragma once
// The workload evaluated by Writ's compiled Plan, as bench/compiler_bench.cpp does it: the
// events become records (strings interned) before the timed loop, and each event runs its
// type's screen, admit and apply routines as the runtime calls them (JIT: the native entry
// points, no virtual call; interpreter: RoutineInterpreter::run), on its incident's state
// record. Decisions are read from the routines' result bits through probes. The incident
// states are one flat array, as the evaluation needs them; finding an incident's state by
// its id is the runtime's cost, measured end to end by `writ replay`.
#include <array>
#include <cstdint>
#include <vector>

#include "bench/peers/decision_counts.hpp"
#include "bench/peers/workload.hpp"
#include "compiler/compiled_policy.hpp"
#include "compiler/set_arena.hpp"
#include "compiler/string_table.hpp"

namespace writ::peers {

// After an event's routines ran: bit `bit` of routine `routine` adds one to `counter`.
struct Probe {
  std::int32_t routine = -1;
  std::uint32_t bit = 0;
  std::uint32_t counter = 0;
};

// What runs for each event type (by kTypes index) and what is counted.
struct Schedule {
  std::array<std::vector<std::int32_t>, kTypes.size()> routines;
  std::array<std::vector<Probe>, kTypes.size()> probes;
  std::size_t counters = 0;
};

// bench/peers/governance.writ: every routine, the 11 decisions. Throws std::runtime_error
// naming what the policy lacks.
Schedule decision_schedule(const compiler::Plan& plan);
// R5 alone: the admit routine of severity.change, its permit.
Schedule permit_schedule(const compiler::Plan& plan);
// A generated policy: every routine, one counter of the rules that fired.
Schedule rule_schedule(const compiler::Plan& plan);

DecisionCounts to_decision_counts(const std::vector<std::uint64_t>& counters);

class WritEngine {
 public:
  WritEngine(const compiler::CompiledPolicy& policy, const std::vector<PeerEvent>& events);

  // One pass over the events from fresh incident states; returns the counters.
  std::vector<std::uint64_t> run(const Schedule& schedule);

 private:
  struct Item {
    std::uint8_t type;
    std::uint32_t state;   // of the state's first word in states_
    std::uint32_t offset;  // of the record's first word in words_
    std::int64_t at;
  };
  // One routine of an event type's schedule, with its result buffers.
  struct Call {
    std::size_t routine;
    std::uint64_t* bits;
    std::int64_t* slots;
  };
  // A probe resolved to the word of its routine's bits it tests, as hand-written code would
  // address a result: no lookup of the routine's buffer per event.
  struct BitCounter {
    const std::uint64_t* word;
    std::uint32_t shift;
    std::uint32_t counter;
  };
  struct Calls {
    std::array<std::vector<Call>, kTypes.size()> routines;
    std::array<std::vector<BitCounter>, kTypes.size()> counters;
  };

  Calls calls(const Schedule& schedule);
  template <typename Run>
  std::vector<std::uint64_t> loop(const Schedule& schedule, const Calls& calls, Run&& run);
  void reset_states();

  const compiler::CompiledPolicy& policy_;
  compiler::StringTable strings_;
  compiler::SetArena arena_;
  std::vector<std::int64_t> words_;  // every event's record, back to back
  std::vector<Item> items_;
  compiler::Record initial_state_;  // every state starts as a copy of its words
  std::vector<std::int64_t> states_;  // every incident's state, back to back
  compiler::Record global_;
  std::vector<std::vector<std::uint64_t>> bits_;  // per routine
  std::vector<std::vector<std::int64_t>> slots_;
};

}  // namespace writ::peers
