#include <catch2/catch.hpp>

#include <llvm/IR/DataLayout.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/raw_ostream.h>

#include "compiler/codegen.hpp"
#include "compiler/interpreter.hpp"
#include "compiler/jit_evaluator.hpp"
#include "compiler/set_arena.hpp"
#include "tests/support/compiled_policy.hpp"
#include "tests/support/engine_cases.hpp"
#include "tests/support/jit_created.hpp"

using namespace writ;
using namespace writ::compiler;

namespace {

std::unique_ptr<JitEvaluator> jit(JitSession& s, const std::vector<ir::Function>& functions) {
  return test::created_or_fail(JitEvaluator::create(s, functions));
}

}  // namespace

TEST_CASE("codegen emits verified wrapping arithmetic with the fixed ABI", "[compiler][codegen]") {
  std::vector<ir::Function> functions;
  functions.push_back(ir::Function{"f", lang::Type::of(lang::Type::Kind::Int), test::binary(ir::Op::Add, 1, 2)});
  std::vector<ir::NodePtr> args;
  args.push_back(ir::make_const(INT64_MAX));
  args.push_back(ir::make_op(ir::Op::Now, false, {}));
  functions.push_back(ir::Function{"g", lang::Type::of(lang::Type::Kind::Int), ir::make_op(ir::Op::Add, false, std::move(args))});
  llvm::LLVMContext context;
  llvm::DataLayout layout("e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128");
  auto generated = generate_module(context, functions, layout, "m", "p_");
  REQUIRE(std::holds_alternative<std::unique_ptr<llvm::Module>>(generated));
  std::string text;
  llvm::raw_string_ostream out(text);
  std::get<std::unique_ptr<llvm::Module>>(generated)->print(out, nullptr);
  CHECK(out.str().find("define i64 @p_f(i8* %0, i8* %1)") != std::string::npos);
  CHECK(out.str().find("define i64 @p_g(") != std::string::npos);
  CHECK(out.str().find("add i64 9223372036854775807") != std::string::npos);
  CHECK(out.str().find("nsw") == std::string::npos);
}

TEST_CASE("the JIT gives arithmetic the interpreter's meaning at -O0 and -O2", "[compiler][jit]") {
  for (OptLevel level : {OptLevel::O0, OptLevel::O2}) {
    auto s = test::jit_session(level);
    // Operands come from the event record, so -O2 cannot fold the edge cases away.
    RecordLayout layout;
    layout.add("a", lang::Type::of(lang::Type::Kind::Int));
    layout.add("b", lang::Type::of(lang::Type::Kind::Int));
    layout.finish();
    std::vector<ir::Function> functions;
    for (const test::ArithmeticCase& c : test::arithmetic_cases()) {
      std::vector<ir::NodePtr> args;
      for (std::uint32_t word : {0u, 1u}) {
        auto load = ir::make_op(ir::Op::Load, false, {});
        load->word = word;
        args.push_back(std::move(load));
      }
      functions.push_back(ir::Function{"case" + std::to_string(functions.size()), lang::Type::of(lang::Type::Kind::Int),
                                       ir::make_op(c.op, false, std::move(args))});
    }
    auto engine = jit(*s, functions);
    REQUIRE(engine->size() == functions.size());
    for (std::size_t i = 0; i < functions.size(); ++i) {
      const test::ArithmeticCase& c = test::arithmetic_cases()[i];
      Record record(layout);
      record.set_scalar(*layout.find("a"), c.a);
      record.set_scalar(*layout.find("b"), c.b);
      EvalContext ctx{record.words(), nullptr, nullptr, nullptr, 0, nullptr, nullptr};
      INFO(ir::op_name(c.op) << " " << c.a << " " << c.b << " at -O" << (level == OptLevel::O0 ? 0 : 2));
      CHECK(engine->evaluate(i, ctx).scalar == c.expected);
    }
  }
}

TEST_CASE("JIT and interpreter agree on sets, tables, built-ins and optionals", "[compiler][jit]") {
  auto policy = test::compile_rules(R"(
enum Tier { Gold, Silver }
event alert.received { service: string, tier: Tier, tags: set<string>, expires: time? }
state { n: int = 0  seen: set<string> = {} }
table route: (Tier, string) -> set<string> { (Gold, "db") => {"page", "call"}  (Silver, "db") => {"mail"}  otherwise => {} }
rule r1 on alert.received when has(event.expires) and event.expires > now { set seen = route(event.tier, lower(event.service)) }
rule r2 on alert.received when {event.service, "db"} contains any event.tags { set seen = if "x" in event.tags then {event.service, "db", event.service} else event.tags }
rule r3 on alert.received when starts_with(event.service, "D") or event.tags contains all {"db"} { set n = len(event.tags) * (age / 1m) }
)");
  INFO(policy->checked->rendered());
  REQUIRE(policy->checked->ok);
  REQUIRE_FALSE(policy->error);

  const RecordLayout& layout = *policy->layouts.event("alert.received");
  Record state(policy->layouts.state);
  state.set_scalar(*policy->layouts.state.find("opened_at"), 1'000);
  auto s = test::jit_session(OptLevel::O2);
  auto engine = jit(*s, policy->functions);
  Interpreter interpreter(policy->functions);
  SetArena arena;
  int compared = 0;
  for (const char* service : {"DB", "db", "web"}) {
    for (std::int64_t tier : {0, 1}) {
      for (bool expires : {false, true}) {
        for (std::vector<std::string> tags : {std::vector<std::string>{}, {"db"}, {"x", "db", "page"}}) {
          Record event(layout);
          event.set_scalar(*layout.find("service"), policy->strings.intern(service));
          event.set_scalar(*layout.find("tier"), tier);
          std::vector<StringId> ids;
          for (const auto& t : tags) ids.push_back(policy->strings.intern(t));
          event.set_set(*layout.find("tags"), ids);
          if (expires) event.set_scalar(*layout.find("expires"), 500'000);
          EvalContext ctx{event.words(), state.mutable_words(), nullptr, nullptr, 181'000, &policy->strings, &arena};
          for (std::size_t i = 0; i < policy->functions.size(); ++i) {
            INFO(policy->functions[i].name << " service=" << service << " tier=" << tier << " expires=" << expires);
            CHECK(engine->evaluate(i, ctx) == interpreter.evaluate(i, ctx));
            ++compared;
          }
          arena.clear();
        }
      }
    }
  }
  CHECK(compared == 36 * 6);
  // A spot check that agreement is not agreement on nothing.
  Record event(layout);
  event.set_scalar(*layout.find("service"), policy->strings.intern("DB"));
  event.set_scalar(*layout.find("expires"), 500'000);
  EvalContext ctx{event.words(), state.mutable_words(), nullptr, nullptr, 181'000, &policy->strings, &arena};
  Value routed = engine->evaluate(1, ctx);
  std::vector<StringId> expected{policy->strings.intern("page"), policy->strings.intern("call")};
  std::sort(expected.begin(), expected.end());
  CHECK(routed.set == expected);
}

TEST_CASE("policies live in one session side by side and leave it when dropped", "[compiler][jit]") {
  auto s = test::jit_session(OptLevel::O0);
  std::vector<ir::Function> one, two;
  one.push_back(ir::Function{"f", lang::Type::of(lang::Type::Kind::Int), ir::make_const(1)});
  two.push_back(ir::Function{"f", lang::Type::of(lang::Type::Kind::Int), ir::make_const(2)});
  EvalContext ctx{};
  auto first = jit(*s, one);
  {
    auto second = jit(*s, two);
    CHECK(second->evaluate(0, ctx).scalar == 2);
  }
  CHECK(first->evaluate(0, ctx).scalar == 1);
  auto third = jit(*s, two);
  CHECK(third->evaluate(0, ctx).scalar == 2);
}
