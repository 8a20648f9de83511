#include <catch2/catch.hpp>

#include "compiler/jit_routines.hpp"
#include "compiler/routine_llvm_text.hpp"
#include "tests/support/routine_cases.hpp"
#include "tests/support/jit_created.hpp"

using namespace writ;
using namespace writ::compiler;

namespace {

std::unique_ptr<JitRoutines> jit(JitSession& s, const std::vector<ir::Routine>& routines) {
  return test::created_or_fail(JitRoutines::create(s, routines));
}

std::vector<ir::Routine> one_constant_test(const char* name, std::int64_t value) {
  std::vector<ir::Routine> routines;
  std::vector<ir::Step> steps;
  steps.push_back(test::routine_ir::test(0, ir::make_const(value)));
  routines.push_back(test::make_routine(name, 1, 0, std::move(steps)));
  return routines;
}

}  // namespace

TEST_CASE("JIT routines run guards, chains, assignments, sets and wide bitsets at -O0 and -O2", "[compiler][routines]") {
  for (OptLevel level : {OptLevel::O0, OptLevel::O2}) {
    INFO("-O" << (level == OptLevel::O0 ? 0 : 2));
    auto s = test::jit_session(level);
    test::RoutineFixture f;
    std::vector<test::RoutineCase> cases = test::routine_cases(f);
    // All in one module, as a policy's routines are.
    std::vector<ir::Routine> routines;
    for (test::RoutineCase& c : cases) routines.push_back(std::move(c.routine));
    auto engine = jit(*s, routines);
    REQUIRE(engine->size() == cases.size());
    for (std::size_t i = 0; i < cases.size(); ++i) {
      INFO(cases[i].name);
      cases[i].check(*engine, i, routines[i], f);
    }
  }
}

TEST_CASE("a JIT routine's entry point is callable directly", "[compiler][routines]") {
  auto s = test::jit_session(OptLevel::O0);
  auto engine = jit(*s, one_constant_test("yes", 5));
  std::uint64_t bits = test::kGarbage;
  EvalContext ctx{};
  engine->entry_point(0)(&ctx, &bits, nullptr);
  CHECK(bits == 1);
}

TEST_CASE("routines of several policies live in one session and leave it when dropped", "[compiler][routines]") {
  auto s = test::jit_session(OptLevel::O2);
  std::vector<ir::Routine> one = one_constant_test("r", 1);
  std::vector<ir::Routine> zero = one_constant_test("r", 0);
  EvalContext ctx{};
  std::uint64_t bits = test::kGarbage;
  auto first = jit(*s, one);
  {
    auto second = jit(*s, zero);
    second->run(0, ctx, &bits, nullptr);
    CHECK(bits == 0);
  }
  first->run(0, ctx, &bits, nullptr);
  CHECK(bits == 1);
}

TEST_CASE("a malformed routine is a JIT error, not code", "[compiler][routines]") {
  auto s = test::jit_session(OptLevel::O0);
  std::vector<ir::Routine> routines;
  std::vector<ir::Step> steps;
  steps.push_back(test::routine_ir::value(1, ir::make_const_set({})));
  routines.push_back(test::make_routine("wide_value", 0, 2, std::move(steps)));
  auto created = JitRoutines::create(*s, routines);
  REQUIRE(std::holds_alternative<std::string>(created));
  CHECK(std::get<std::string>(created) == "routine `wide_value`, step 0: it writes slots up to 2 of 2");
}

TEST_CASE("two routines of one name are a JIT error, not a wrong entry point", "[compiler][routines]") {
  auto s = test::jit_session(OptLevel::O0);
  std::vector<ir::Routine> routines = one_constant_test("same", 1);
  std::vector<ir::Routine> more = one_constant_test("same", 0);
  routines.push_back(std::move(more[0]));
  auto created = JitRoutines::create(*s, routines);
  REQUIRE(std::holds_alternative<std::string>(created));
  CHECK(std::get<std::string>(created) == "two routines are named `same`");
}

TEST_CASE("the routines' LLVM IR is the optimised module, the same text every time", "[compiler][routines]") {
  test::RoutineFixture f;
  std::vector<test::RoutineCase> cases = test::routine_cases(f);
  std::vector<ir::Routine> routines;
  routines.push_back(std::move(cases[1].routine));  // first match
  auto first = routines_llvm_ir(routines, OptLevel::O2);
  auto second = routines_llvm_ir(routines, OptLevel::O2);
  auto unoptimised = routines_llvm_ir(routines, OptLevel::O0);
  REQUIRE(std::holds_alternative<LlvmIrText>(first));
  REQUIRE(std::holds_alternative<LlvmIrText>(second));
  REQUIRE(std::holds_alternative<LlvmIrText>(unoptimised));
  const std::string& text = std::get<LlvmIrText>(first).text;
  INFO(text);
  CHECK(text == std::get<LlvmIrText>(second).text);
  CHECK(text.find("define void @first_match(i8*") != std::string::npos);
  CHECK(text.find("ModuleID = 'writ_routines'") != std::string::npos);
  // -O2 keeps the bitset in registers: no allocas survive, as they do at -O0.
  CHECK(text.find("alloca") == std::string::npos);
  CHECK(std::get<LlvmIrText>(unoptimised).text.find("alloca") != std::string::npos);
}
