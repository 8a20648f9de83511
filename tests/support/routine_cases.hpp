#pragma once
// Test helper shared by the routine interpreter and JIT routine tests: hand-built routines
// over small fixed records (guards, first-match chains, assignments read back, sets in slots
// and in the state, bitsets past one word, zero-writing), each with the check every engine
// must pass.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "compiler/record_layout.hpp"
#include "compiler/routine.hpp"
#include "compiler/set_arena.hpp"
#include "compiler/string_table.hpp"

namespace writ::test {

namespace routine_ir {

using compiler::RecordSource;
using compiler::ir::BitTest;
using compiler::ir::NodePtr;
using compiler::ir::Op;
using compiler::ir::Step;

inline NodePtr load(RecordSource source, std::uint32_t word, bool is_set = false) {
  auto node = compiler::ir::make_op(is_set ? Op::LoadSet : Op::Load, is_set, {});
  node->source = source;
  node->word = word;
  return node;
}

inline NodePtr op(Op o, NodePtr a, NodePtr b, bool is_set = false) {
  std::vector<NodePtr> args;
  args.push_back(std::move(a));
  args.push_back(std::move(b));
  return compiler::ir::make_op(o, is_set, std::move(args));
}

inline Step test(std::uint32_t bit, NodePtr expr, std::vector<BitTest> guard = {}) {
  Step s;
  s.kind = Step::Kind::Test;
  s.bit = bit;
  s.expr = std::move(expr);
  s.guard = std::move(guard);
  return s;
}

inline Step value(std::uint32_t slot, NodePtr expr, std::vector<BitTest> guard = {}) {
  Step s;
  s.kind = Step::Kind::Value;
  s.slot = slot;
  s.expr = std::move(expr);
  s.guard = std::move(guard);
  return s;
}

inline Step assign(RecordSource target, std::uint32_t word, NodePtr expr, std::vector<BitTest> guard = {}) {
  Step s;
  s.kind = Step::Kind::Assign;
  s.target = target;
  s.word = word;
  s.expr = std::move(expr);
  s.guard = std::move(guard);
  return s;
}

}  // namespace routine_ir

// Records for the cases. Event: a (word 0), b (1), tags (2, 3), name (4). State: n (0),
// s (1, 2). Global: g (0), gs (1, 2). No optional fields, so no presence words.
struct RoutineFixture {
  compiler::RecordLayout event, state, global;
  compiler::StringTable strings;
  compiler::SetArena arena;

  RoutineFixture() {
    using K = lang::Type::Kind;
    event.add("a", lang::Type::of(K::Int));
    event.add("b", lang::Type::of(K::Int));
    event.add("tags", lang::Type::of(K::SetOfString));
    event.add("name", lang::Type::of(K::String));
    event.finish();
    state.add("n", lang::Type::of(K::Int));
    state.add("s", lang::Type::of(K::SetOfString));
    state.finish();
    global.add("g", lang::Type::of(K::Int));
    global.add("gs", lang::Type::of(K::SetOfString));
    global.finish();
  }

  compiler::Record event_record(std::int64_t a, std::int64_t b, std::vector<std::string> tags = {}, std::string name = "") {
    compiler::Record r(event);
    r.set_scalar(*event.find("a"), a);
    r.set_scalar(*event.find("b"), b);
    std::vector<compiler::StringId> ids;
    for (const std::string& t : tags) ids.push_back(strings.intern(t));
    r.set_set(*event.find("tags"), ids);
    r.set_scalar(*event.find("name"), strings.intern(name));
    return r;
  }

  std::vector<std::string> texts(const std::uint32_t* data, std::int64_t len) const {
    std::vector<std::string> out;
    for (std::int64_t i = 0; i < len; ++i) out.push_back(strings.text(data[i]));
    return out;
  }
  // Texts in the order of their ids, which is how a set holds them.
  std::vector<std::string> in_id_order(const std::vector<std::string>& items) {
    std::vector<compiler::StringId> ids;
    for (const std::string& item : items) ids.push_back(strings.intern(item));
    std::sort(ids.begin(), ids.end());
    return texts(ids.data(), static_cast<std::int64_t>(ids.size()));
  }
  // The set at `word` of a record or slot array, as texts in id order.
  std::vector<std::string> set_at(const std::int64_t* words, std::uint32_t word) const {
    std::uintptr_t address = 0;
    std::memcpy(&address, &words[word], sizeof address);
    return texts(reinterpret_cast<const std::uint32_t*>(address), words[word + 1]);
  }
};

// What one run left behind. Outputs start as garbage, so a check also proves they were
// written.
struct RoutineRun {
  std::vector<std::uint64_t> bits;
  std::vector<std::int64_t> slots;
  compiler::Record state;
  compiler::Record global;
  bool bit(std::uint32_t b) const { return compiler::ir::test_bit(bits.data(), b); }
};

inline constexpr std::uint64_t kGarbage = 0xA5A5A5A5A5A5A5A5ull;

inline RoutineRun run_routine(compiler::RoutineEvaluator& engine, std::size_t index, const compiler::ir::Routine& routine,
                              RoutineFixture& f, const compiler::Record& event, const compiler::Record& state,
                              const compiler::Record& global) {
  RoutineRun run{std::vector<std::uint64_t>(compiler::ir::bit_words(routine.bit_count), kGarbage),
                 std::vector<std::int64_t>(routine.slot_count, static_cast<std::int64_t>(kGarbage)), state.clone(f.state),
                 global.clone(f.global)};
  compiler::EvalContext ctx{event.words(), run.state.mutable_words(), run.global.mutable_words(), nullptr, 0, &f.strings, &f.arena};
  engine.run(index, ctx, run.bits.data(), run.slots.data());
  return run;
}

struct RoutineCase {
  std::string name;
  compiler::ir::Routine routine;
  // Runs routine `index` of `engine` (this case's routine) and checks what it wrote.
  std::function<void(compiler::RoutineEvaluator& engine, std::size_t index, const compiler::ir::Routine& routine,
                     RoutineFixture& f)>
      check;
};

inline compiler::ir::Routine make_routine(std::string name, std::uint32_t bits, std::uint32_t slots,
                                          std::vector<compiler::ir::Step> steps) {
  compiler::ir::Routine r;
  r.name = std::move(name);
  r.bit_count = bits;
  r.slot_count = slots;
  r.steps = std::move(steps);
  return r;
}

// Bits 0 and 1 test a > 0 and (only then) b > 0; slot 0 is a + b when both hold, slot 1 is 7
// when a > 0 fails.
inline RoutineCase guards_case() {
  using namespace routine_ir;
  using compiler::ir::make_const;
  std::vector<Step> steps;
  steps.push_back(test(0, op(Op::Gt, load(RecordSource::Event, 0), make_const(0))));
  steps.push_back(test(1, op(Op::Gt, load(RecordSource::Event, 1), make_const(0)), {{0, true}}));
  steps.push_back(value(0, op(Op::Add, load(RecordSource::Event, 0), load(RecordSource::Event, 1)), {{0, true}, {1, true}}));
  steps.push_back(value(1, make_const(7), {{0, false}}));
  return {"guards", make_routine("guards", 2, 2, std::move(steps)),
          [](compiler::RoutineEvaluator& engine, std::size_t index, const compiler::ir::Routine& routine, RoutineFixture& f) {
            struct Row {
              std::int64_t a, b;
              bool bit0, bit1;
              std::int64_t slot0, slot1;
            };
            for (const Row& row : {Row{1, 2, true, true, 3, 0}, Row{1, -2, true, false, 0, 0}, Row{-1, 2, false, false, 0, 7},
                                   Row{0, 0, false, false, 0, 7}}) {
              INFO("a=" << row.a << " b=" << row.b);
              RoutineRun r = run_routine(engine, index, routine, f, f.event_record(row.a, row.b), compiler::Record(f.state),
                                         compiler::Record(f.global));
              CHECK(r.bits == std::vector<std::uint64_t>{(row.bit0 ? 1u : 0u) | (row.bit1 ? 2u : 0u)});
              CHECK(r.slots == std::vector<std::int64_t>{row.slot0, row.slot1});
            }
          }};
}

// A classify: rows a < 10, a < 100, otherwise; the first that holds sets state.n to 1, 2, 3.
inline RoutineCase first_match_case() {
  using namespace routine_ir;
  using compiler::ir::make_const;
  std::vector<Step> steps;
  steps.push_back(test(0, op(Op::Lt, load(RecordSource::Event, 0), make_const(10))));
  steps.push_back(test(1, op(Op::Lt, load(RecordSource::Event, 0), make_const(100)), {{0, false}}));
  steps.push_back(test(2, make_const(1), {{0, false}, {1, false}}));
  for (std::uint32_t row = 0; row < 3; ++row) steps.push_back(assign(RecordSource::State, 0, make_const(row + 1), {{row, true}}));
  return {"first match", make_routine("first_match", 3, 0, std::move(steps)),
          [](compiler::RoutineEvaluator& engine, std::size_t index, const compiler::ir::Routine& routine, RoutineFixture& f) {
            for (auto [a, expected] : {std::pair<std::int64_t, std::int64_t>{5, 1}, {50, 2}, {500, 3}, {INT64_MIN, 1}}) {
              INFO("a=" << a);
              compiler::Record state(f.state);
              state.set_scalar(*f.state.find("n"), 99);
              RoutineRun r = run_routine(engine, index, routine, f, f.event_record(a, 0), state, compiler::Record(f.global));
              CHECK(r.bits == std::vector<std::uint64_t>{std::uint64_t{1} << (expected - 1)});
              CHECK(r.state.words()[0] == expected);
            }
          }};
}

// state.n = a; bit 0: state.n == a; state.n = state.n + 1; slot 0: state.n; global.g = state.n
// * 2 only when bit 0 is clear, so never.
inline RoutineCase assign_visible_case() {
  using namespace routine_ir;
  using compiler::ir::make_const;
  std::vector<Step> steps;
  steps.push_back(assign(RecordSource::State, 0, load(RecordSource::Event, 0)));
  steps.push_back(test(0, op(Op::Eq, load(RecordSource::State, 0), load(RecordSource::Event, 0))));
  steps.push_back(assign(RecordSource::State, 0, op(Op::Add, load(RecordSource::State, 0), make_const(1))));
  steps.push_back(value(0, load(RecordSource::State, 0)));
  steps.push_back(assign(RecordSource::Global, 0, op(Op::Mul, load(RecordSource::State, 0), make_const(2)), {{0, false}}));
  return {"assignments are visible to later steps", make_routine("assign_visible", 1, 1, std::move(steps)),
          [](compiler::RoutineEvaluator& engine, std::size_t index, const compiler::ir::Routine& routine, RoutineFixture& f) {
            compiler::Record global(f.global);
            global.set_scalar(*f.global.find("g"), 42);
            RoutineRun r = run_routine(engine, index, routine, f, f.event_record(INT64_MAX, 0), compiler::Record(f.state), global);
            CHECK(r.bits == std::vector<std::uint64_t>{1});
            CHECK(r.slots == std::vector<std::int64_t>{INT64_MIN});  // wraps
            CHECK(r.state.words()[0] == INT64_MIN);
            CHECK(r.global.words()[0] == 42);
          }};
}

// Sets: slots 0-1 hold {name, "x"} (built at run time), slots 2-3 a constant set; state.s
// becomes {name, "y"}, then bit 0 tests "y" in state.s; global.gs becomes event.tags; slots
// 4-5 read state.s back. After adopt_sets and a cleared arena the records keep the contents.
inline RoutineCase sets_case(RoutineFixture& f) {
  using namespace routine_ir;
  using compiler::ir::make_const;
  auto id = [&](const char* s) { return static_cast<std::int64_t>(f.strings.intern(s)); };
  std::vector<Step> steps;
  steps.push_back(value(0, op(Op::MakeSet, load(RecordSource::Event, 4), make_const(id("x")), true)));
  steps.push_back(value(2, compiler::ir::make_const_set({f.strings.intern("k2"), f.strings.intern("k1")})));
  steps.push_back(assign(RecordSource::State, 1, op(Op::MakeSet, load(RecordSource::Event, 4), make_const(id("y")), true)));
  steps.push_back(test(0, op(Op::In, make_const(id("y")), load(RecordSource::State, 1, true))));
  steps.push_back(assign(RecordSource::Global, 1, load(RecordSource::Event, 2, true), {{0, true}}));
  steps.push_back(value(4, load(RecordSource::State, 1, true)));
  return {"sets in slots and in the state", make_routine("sets", 1, 6, std::move(steps)),
          [](compiler::RoutineEvaluator& engine, std::size_t index, const compiler::ir::Routine& routine, RoutineFixture& f) {
            using Texts = std::vector<std::string>;
            compiler::Record event = f.event_record(0, 0, {"t2", "t1"}, "svc");
            compiler::Record state(f.state);
            state.set_set(*f.state.find("s"), {f.strings.intern("old")});
            RoutineRun r = run_routine(engine, index, routine, f, event, state, compiler::Record(f.global));
            CHECK(r.bits == std::vector<std::uint64_t>{1});
            CHECK(f.set_at(r.slots.data(), 0) == f.in_id_order({"svc", "x"}));
            CHECK(f.set_at(r.slots.data(), 2) == f.in_id_order({"k1", "k2"}));
            CHECK(f.set_at(r.slots.data(), 4) == f.in_id_order({"svc", "y"}));
            r.state.adopt_sets(f.state);
            r.global.adopt_sets(f.global);
            f.arena.clear();
            CHECK(f.set_at(r.state.words(), 1) == f.in_id_order({"svc", "y"}));
            CHECK(f.set_at(r.global.words(), 1) == f.in_id_order({"t1", "t2"}));
            CHECK(f.set_at(state.words(), 1) == Texts{"old"});  // the caller's copy is untouched
          }};
}

// 130 bits: bit i is a % (i + 1) == 0; bit 129 is written again only under bit 100, and
// slot 0 counts nothing but proves a guard can read the third word.
inline RoutineCase wide_bitset_case() {
  using namespace routine_ir;
  using compiler::ir::make_const;
  std::vector<Step> steps;
  for (std::uint32_t i = 0; i < 129; ++i) {
    steps.push_back(test(i, op(Op::Eq, op(Op::Mod, load(RecordSource::Event, 0), make_const(i + 1)), make_const(0))));
  }
  steps.push_back(test(129, make_const(1), {{100, true}, {128, false}}));
  steps.push_back(value(0, make_const(5), {{129, true}}));
  return {"bitsets wider than one word", make_routine("wide", 130, 1, std::move(steps)),
          [](compiler::RoutineEvaluator& engine, std::size_t index, const compiler::ir::Routine& routine, RoutineFixture& f) {
            for (std::int64_t a : {std::int64_t{101}, std::int64_t{202}, std::int64_t{0}, std::int64_t{129 * 101}}) {
              INFO("a=" << a);
              RoutineRun r = run_routine(engine, index, routine, f, f.event_record(a, 0), compiler::Record(f.state),
                                         compiler::Record(f.global));
              REQUIRE(r.bits.size() == 3);
              for (std::uint32_t i = 0; i < 129; ++i) {
                INFO("bit " << i);
                CHECK(r.bit(i) == (a % (i + 1) == 0));
              }
              bool last = a % 101 == 0 && a % 129 != 0;
              CHECK(r.bit(129) == last);
              CHECK((r.bits[2] >> 2) == 0);  // past bit_count: zero
              CHECK(r.slots[0] == (last ? 5 : 0));
            }
          }};
}

// Every guard fails: every bit, both unowned bits, every slot (owned or not) reads 0, and
// the guarded assignment leaves the state alone.
inline RoutineCase failed_guards_case() {
  using namespace routine_ir;
  using compiler::ir::make_const;
  std::vector<Step> steps;
  steps.push_back(test(0, make_const(0)));
  steps.push_back(test(1, make_const(1), {{0, true}}));
  steps.push_back(value(0, make_const(9), {{0, true}}));
  steps.push_back(value(1, compiler::ir::make_const_set({1, 2}), {{1, true}}));
  steps.push_back(assign(RecordSource::State, 0, make_const(9), {{0, true}}));
  steps.push_back(test(70, make_const(1), {{1, true}}));
  return {"failed guards write zeros", make_routine("failed", 72, 5, std::move(steps)),
          [](compiler::RoutineEvaluator& engine, std::size_t index, const compiler::ir::Routine& routine, RoutineFixture& f) {
            compiler::Record state(f.state);
            state.set_scalar(*f.state.find("n"), 3);
            RoutineRun r = run_routine(engine, index, routine, f, f.event_record(0, 0), state, compiler::Record(f.global));
            CHECK(r.bits == std::vector<std::uint64_t>{0, 0});
            CHECK(r.slots == std::vector<std::int64_t>{0, 0, 0, 0, 0});
            CHECK(r.state.words()[0] == 3);
          }};
}

inline std::vector<RoutineCase> routine_cases(RoutineFixture& f) {
  std::vector<RoutineCase> cases;
  cases.push_back(guards_case());
  cases.push_back(first_match_case());
  cases.push_back(assign_visible_case());
  cases.push_back(sets_case(f));
  cases.push_back(wide_bitset_case());
  cases.push_back(failed_guards_case());
  return cases;
}

}  // namespace writ::test
