// The interpreter and the JIT (at -O0 and -O2, alternately) must agree exactly on random
// well-typed policies and random records. WRIT_DIFF_SEED=<n> runs from another base seed.
// A failure prints the policy's seed and text; once fixed, that seed gets a TEST_CASE of its
// own here calling run_policy(seed, ...), so it is checked on every run.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <sstream>

#include "compiler/interpreter.hpp"
#include "compiler/jit_evaluator.hpp"
#include "compiler/set_arena.hpp"
#include "tests/support/compiled_policy.hpp"
#include "tests/support/policy_generator.hpp"
#include "tests/support/jit_created.hpp"

using namespace writ;
using namespace writ::compiler;

namespace {

constexpr int kPolicies = 50;
constexpr int kRulesPerPolicy = 16;
constexpr int kRecordsPerEvent = 120;

std::string describe(const Value& v, const StringTable& strings, bool is_set) {
  if (!is_set) return std::to_string(v.scalar);
  std::ostringstream out;
  out << "{";
  for (auto id : v.set) out << " " << id << ":\"" << strings.text(id) << "\"";
  return out.str() + " }";
}

struct Counts {
  std::size_t compared = 0;
  std::size_t conditions_true = 0;
  std::size_t conditions_false = 0;
};

// Runs one policy through both engines, adding what it compared to `counts`.
void run_policy(std::uint64_t seed, JitSession& session, Counts& counts) {
  test::PolicyGenerator generator(seed);
  std::string text = generator.policy(kRulesPerPolicy);
  auto policy = test::compile_rules(text);
  INFO("seed " << seed << "\n" << text << "\n" << policy->checked->rendered());
  REQUIRE(policy->checked->ok);
  if (policy->error) FAIL("lowering failed: " << policy->error->message);

  auto created = JitEvaluator::create(session, policy->functions);
  if (auto* error = std::get_if<std::string>(&created)) FAIL("JIT failed: " << *error);
  auto& jit = *std::get<std::unique_ptr<JitEvaluator>>(created);
  Interpreter interpreter(policy->functions);

  test::RecordGenerator records(seed ^ 0x9e3779b97f4a7c15ull, policy->strings);
  Record state = records.record(policy->layouts.state);
  Record global = records.record(policy->layouts.global);
  SetArena arena;
  for (const auto& [type, layout] : policy->layouts.events) {
    for (int r = 0; r < kRecordsPerEvent; ++r) {
      Record event = records.record(layout);
      if (r % 10 == 0) {
        state = records.record(policy->layouts.state);
        global = records.record(policy->layouts.global);
      }
      EvalContext ctx{event.words(), state.mutable_words(), global.mutable_words(), nullptr, records.time(), &policy->strings, &arena};
      for (std::size_t i = 0; i < policy->functions.size(); ++i) {
        if (policy->event_types[i] != type) continue;
        Value expected = interpreter.evaluate(i, ctx);
        Value got = jit.evaluate(i, ctx);
        arena.clear();
        ++counts.compared;
        if (policy->functions[i].type.kind == lang::Type::Kind::Bool) {
          ++(expected.scalar != 0 ? counts.conditions_true : counts.conditions_false);
        }
        if (expected == got) continue;
        bool is_set = policy->functions[i].body->is_set;
        FAIL("engines disagree on " << policy->functions[i].name << " (record " << r << " of " << type << ", now "
                                    << ctx.now << ")\nIR: " << ir::to_string(*policy->functions[i].body)
                                    << "\ninterpreter: " << describe(expected, policy->strings, is_set)
                                    << "\njit: " << describe(got, policy->strings, is_set));
      }
    }
  }
}

}  // namespace

TEST_CASE("interpreter and JIT agree on 200,000 random evaluations", "[compiler][differential]") {
  std::uint64_t base = 20261126;
  if (const char* env = std::getenv("WRIT_DIFF_SEED")) base = std::strtoull(env, nullptr, 10);
  auto o0 = test::jit_session(OptLevel::O0);
  auto o2 = test::jit_session(OptLevel::O2);
  Counts counts;
  for (int p = 0; p < kPolicies; ++p) run_policy(base + p, p % 2 == 0 ? *o2 : *o0, counts);
  INFO("base seed " << base);
  CHECK(counts.compared >= 200'000);
  // Agreement only means something if the conditions go both ways.
  CHECK(counts.conditions_true >= counts.compared / 20);
  CHECK(counts.conditions_false >= counts.compared / 20);
}
