#include <catch2/catch.hpp>

#include "compiler/interpreter.hpp"
#include "compiler/set_arena.hpp"
#include "tests/support/compiled_policy.hpp"
#include "tests/support/engine_cases.hpp"

using namespace writ;
using namespace writ::compiler;

TEST_CASE("the interpreter gives arithmetic its one defined meaning", "[compiler][interpreter]") {
  EvalContext ctx{};
  for (const test::ArithmeticCase& c : test::arithmetic_cases()) {
    INFO(ir::op_name(c.op) << " " << c.a << " " << c.b);
    CHECK(Interpreter::evaluate_node(*test::binary(c.op, c.a, c.b), ctx).scalar == c.expected);
  }
  std::vector<ir::NodePtr> args;
  args.push_back(ir::make_const(INT64_MIN));
  CHECK(Interpreter::evaluate_node(*ir::make_op(ir::Op::Neg, false, std::move(args)), ctx).scalar == INT64_MIN);
}

TEST_CASE("the interpreter evaluates a policy's rules over records", "[compiler][interpreter]") {
  auto policy = test::compile_rules(R"(
enum Tier { Gold, Silver }
event alert.received { service: string, tier: Tier, tags: set<string>, expires: time? }
state { n: int = 0 }
table weight: (Tier, string) -> set<string> { (Gold, "db") => {"page", "call"}  otherwise => {} }
rule r1 on alert.received when has(event.expires) and event.expires > now { set n = len(weight(event.tier, lower(event.service))) }
rule r2 on alert.received when {event.service, "db"} contains any event.tags { set n = age / 1m }
)");
  INFO(policy->checked->rendered());
  REQUIRE(policy->checked->ok);
  REQUIRE_FALSE(policy->error);
  REQUIRE(policy->functions.size() == 4);

  const RecordLayout& layout = *policy->layouts.event("alert.received");
  Record event(layout);
  event.set_scalar(*layout.find("service"), policy->strings.intern("DB"));
  event.set_scalar(*layout.find("tier"), 0);
  event.set_set(*layout.find("tags"), {policy->strings.intern("db")});
  Record state(policy->layouts.state);
  state.set_scalar(*policy->layouts.state.find("opened_at"), 1'000);
  SetArena arena;
  EvalContext ctx{event.words(), state.mutable_words(), nullptr, nullptr, 181'000, &policy->strings, &arena};

  Interpreter interpreter(policy->functions);
  CHECK(interpreter.evaluate(0, ctx).scalar == 0);  // expires absent
  event.set_scalar(*layout.find("expires"), 200'000);
  CHECK(interpreter.evaluate(0, ctx).scalar == 1);
  CHECK(interpreter.evaluate(1, ctx).scalar == 2);  // lower("DB") == "db": two actions
  CHECK(interpreter.evaluate(2, ctx).scalar == 1);  // {"DB", "db"} shares "db"
  CHECK(interpreter.evaluate(3, ctx).scalar == 3);  // 180 s is 3 minutes
  event.set_set(*layout.find("tags"), {});
  CHECK(interpreter.evaluate(2, ctx).scalar == 0);
}
