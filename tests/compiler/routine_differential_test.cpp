// The routine interpreter and JIT routines (at -O0 and -O2, alternately) must agree exactly
// on random routines built from random well-typed policies' expressions, run on random
// records: the same bits, the same slots (sets by content) and the same state and global
// records afterwards (sets by content), also once one side has adopted its sets and cleared
// its arena. WRIT_ROUTINE_SEED=<n> runs from another base seed. A failure prints the seed,
// the policy and the routine; once fixed, that seed gets a TEST_CASE of its own here
// calling run_policy(seed, ...).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <cstring>

#include "compiler/codegen_routine.hpp"
#include "compiler/jit_routines.hpp"
#include "compiler/routine_interpreter.hpp"
#include "compiler/set_arena.hpp"
#include "tests/support/policy_generator.hpp"
#include "tests/support/routine_generator.hpp"
#include "tests/support/jit_created.hpp"

using namespace writ;
using namespace writ::compiler;

namespace {

constexpr int kPolicies = 30;
constexpr int kRulesPerPolicy = 12;
constexpr int kRoutinesPerEvent = 8;
constexpr int kRecordsPerEvent = 350;

struct Counts {
  std::size_t runs = 0;
  std::size_t split_routines = 0;  // long enough for the JIT to split into parts
  std::size_t bits_set = 0;
  std::size_t bits_clear = 0;
};

std::vector<StringId> set_of(const std::int64_t* words, std::uint32_t word) {
  std::uintptr_t address = 0;
  std::memcpy(&address, &words[word], sizeof address);
  const auto* data = reinterpret_cast<const StringId*>(address);
  return std::vector<StringId>(data, data + words[word + 1]);
}

// Lengths first, so a wrong length is reported before a wrong pointer is followed.
bool same_set(const std::int64_t* a, const std::int64_t* b, std::uint32_t word) {
  return a[word + 1] == b[word + 1] && set_of(a, word) == set_of(b, word);
}

// Which slots start a set (their pointer word) and which continue one (the length).
enum class SlotKind { Scalar, SetPointer, SetLength };

std::vector<SlotKind> slot_kinds(const ir::Routine& r) {
  std::vector<SlotKind> kinds(r.slot_count, SlotKind::Scalar);
  for (const ir::Step& s : r.steps) {
    if (s.kind != ir::Step::Kind::Value || !s.expr->is_set) continue;
    kinds[s.slot] = SlotKind::SetPointer;
    kinds[s.slot + 1] = SlotKind::SetLength;
  }
  return kinds;
}

// Where the two sides differ, or "" when they agree.
std::string slot_difference(const std::vector<std::int64_t>& a, const std::vector<std::int64_t>& b,
                            const std::vector<SlotKind>& kinds) {
  for (std::uint32_t i = 0; i < kinds.size(); ++i) {
    if (kinds[i] == SlotKind::SetLength) continue;
    bool same = kinds[i] == SlotKind::Scalar ? a[i] == b[i] : same_set(a.data(), b.data(), i);
    if (!same) return fmt::format("slot {}", i);
  }
  return "";
}

std::string record_difference(const Record& a, const Record& b, const RecordLayout& layout, const char* name) {
  std::uint32_t first_field = layout.fields().empty() ? layout.word_count() : layout.fields().front().word;
  for (std::uint32_t w = 0; w < first_field; ++w) {
    if (a.words()[w] != b.words()[w]) return fmt::format("{} presence word {}", name, w);
  }
  for (const FieldSlot& f : layout.fields()) {
    bool same = f.is_set() ? same_set(a.words(), b.words(), f.word) : a.words()[f.word] == b.words()[f.word];
    if (!same) return fmt::format("{}.{}", name, f.name);
  }
  return "";
}

struct Side {
  Record state;
  Record global;
  RoutineResult out;
  SetArena arena;
};

Side run_side(RoutineEvaluator& engine, std::size_t index, const ir::Routine& r, const test::CompiledPolicy& policy,
              const Record& event, const Record& state, const Record& global, std::int64_t now) {
  Side side{state.clone(policy.layouts.state), global.clone(policy.layouts.global),
            RoutineResult{std::vector<std::uint64_t>(ir::bit_words(r.bit_count), 0x5A5A5A5A5A5A5A5Aull),
                          std::vector<std::int64_t>(r.slot_count, 0x5A5A5A5A5A5A5A5All)},
            SetArena{}};
  auto& strings = const_cast<StringTable&>(policy.strings);
  EvalContext ctx{event.words(), side.state.mutable_words(), side.global.mutable_words(), nullptr, now, &strings, &side.arena};
  engine.run(index, ctx, side.out.bits.data(), side.out.slots.data());
  return side;
}

std::string records_difference(const Side& a, const Side& b, const test::CompiledPolicy& policy) {
  std::string d = record_difference(a.state, b.state, policy.layouts.state, "state");
  return d.empty() ? record_difference(a.global, b.global, policy.layouts.global, "global") : d;
}

std::string difference(const Side& a, const Side& b, const ir::Routine& r, const test::CompiledPolicy& policy) {
  if (a.out.bits != b.out.bits) return "bits";
  std::string d = slot_difference(a.out.slots, b.out.slots, slot_kinds(r));
  return d.empty() ? records_difference(a, b, policy) : d;
}

void count_bits(const ir::Routine& r, const std::vector<std::uint64_t>& bits, Counts& counts) {
  for (const ir::Step& s : r.steps) {
    if (s.kind == ir::Step::Kind::Test) ++(ir::test_bit(bits.data(), s.bit) ? counts.bits_set : counts.bits_clear);
  }
}

// Runs one policy's random routines through both engines, adding what it compared to `counts`.
void run_policy(std::uint64_t seed, JitSession& session, Counts& counts) {
  test::PolicyGenerator generator(seed);
  std::string text = generator.policy(kRulesPerPolicy);
  auto policy = test::compile_rules(text);
  INFO("seed " << seed << "\n" << text << "\n" << policy->checked->rendered());
  REQUIRE(policy->checked->ok);
  if (policy->error) FAIL("lowering failed: " << policy->error->message);

  test::RoutineGenerator routine_generator(seed ^ 0x5bd1e995u, *policy);
  std::vector<ir::Routine> routines;
  std::vector<std::string> event_types;  // per routine
  for (const auto& [type, layout] : policy->layouts.events) {
    for (int i = 0; i < kRoutinesPerEvent; ++i) {
      routines.push_back(routine_generator.routine(fmt::format("r{}", routines.size()), type));
      event_types.push_back(type);
    }
  }
  for (const ir::Routine& r : routines) counts.split_routines += r.steps.size() > kStepsPerPart;
  auto created = JitRoutines::create(session, routines);
  if (auto* error = std::get_if<std::string>(&created)) FAIL("JIT failed: " << *error);
  auto& jit = *std::get<std::unique_ptr<JitRoutines>>(created);
  RoutineInterpreter interpreter(routines);

  test::RecordGenerator records(seed ^ 0x9e3779b97f4a7c15ull, policy->strings);
  Record state = records.record(policy->layouts.state);
  Record global = records.record(policy->layouts.global);
  for (const auto& [type, layout] : policy->layouts.events) {
    for (int n = 0; n < kRecordsPerEvent; ++n) {
      Record event = records.record(layout);
      if (n % 10 == 0) {
        state = records.record(policy->layouts.state);
        global = records.record(policy->layouts.global);
      }
      std::int64_t now = records.time();
      for (std::size_t i = 0; i < routines.size(); ++i) {
        if (event_types[i] != type) continue;
        Side expected = run_side(interpreter, i, routines[i], *policy, event, state, global, now);
        Side got = run_side(jit, i, routines[i], *policy, event, state, global, now);
        ++counts.runs;
        count_bits(routines[i], expected.out.bits, counts);
        std::string d = difference(expected, got, routines[i], *policy);
        if (d.empty()) {
          // What the runtime does next: keep the records' sets, drop the arena (and with it
          // the sets in the slots).
          expected.state.adopt_sets(policy->layouts.state);
          expected.global.adopt_sets(policy->layouts.global);
          expected.arena.clear();
          d = records_difference(expected, got, *policy);
          if (!d.empty()) d += " after adopt_sets";
        }
        if (d.empty()) continue;
        FAIL("engines disagree on " << d << " (record " << n << " of " << type << ", now " << now << ")\n"
                                    << test::describe(routines[i]));
      }
    }
  }
}

}  // namespace

TEST_CASE("routine interpreter and JIT routines agree on 100,000 random routine runs", "[compiler][differential]") {
  std::uint64_t base = 20261127;
  if (const char* env = std::getenv("WRIT_ROUTINE_SEED")) base = std::strtoull(env, nullptr, 10);
  auto o0 = test::jit_session(OptLevel::O0);
  auto o2 = test::jit_session(OptLevel::O2);
  Counts counts;
  for (int p = 0; p < kPolicies; ++p) run_policy(base + p, p % 2 == 0 ? *o2 : *o0, counts);
  INFO("base seed " << base);
  CHECK(counts.runs >= 100'000);
  // Agreement only means something if the tests, and so the guards, go both ways.
  CHECK(counts.bits_set >= counts.runs);
  CHECK(counts.bits_clear >= counts.runs);
  CHECK(counts.split_routines >= 5);
}
