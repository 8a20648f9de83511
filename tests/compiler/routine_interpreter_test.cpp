#include <catch2/catch.hpp>

#include <stdexcept>

#include "compiler/routine_interpreter.hpp"
#include "tests/support/routine_cases.hpp"

using namespace writ;
using namespace writ::compiler;

TEST_CASE("the routine interpreter runs guards, chains, assignments, sets and wide bitsets", "[compiler][routines]") {
  test::RoutineFixture f;
  std::vector<test::RoutineCase> cases = test::routine_cases(f);
  for (test::RoutineCase& c : cases) {
    std::vector<ir::Routine> routines;
    routines.push_back(std::move(c.routine));
    RoutineInterpreter engine(routines);
    REQUIRE(engine.size() == 1);
    INFO(c.name);
    c.check(engine, 0, routines[0], f);
  }
}

TEST_CASE("the routine interpreter refuses a malformed routine", "[compiler][routines]") {
  std::vector<ir::Routine> routines;
  std::vector<ir::Step> steps;
  steps.push_back(test::routine_ir::test(0, ir::make_const(1), {{1, true}}));
  routines.push_back(test::make_routine("bad", 2, 0, std::move(steps)));
  CHECK_THROWS_WITH(RoutineInterpreter(routines),
                    "routine `bad`, step 0: its guard tests bit 1, which no earlier step wrote");
}

TEST_CASE("a routine that assigns without the record it names is an error, not a crash", "[compiler][routines]") {
  std::vector<ir::Routine> routines;
  std::vector<ir::Step> steps;
  steps.push_back(test::routine_ir::assign(RecordSource::Global, 0, ir::make_const(1)));
  routines.push_back(test::make_routine("no_global", 0, 0, std::move(steps)));
  RoutineInterpreter engine(routines);
  EvalContext ctx{};
  CHECK_THROWS_AS(engine.run(0, ctx, nullptr, nullptr), std::invalid_argument);
}
