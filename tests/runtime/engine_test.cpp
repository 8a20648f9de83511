// The engine's semantics, written as Writ `test` blocks (tests/fixtures/engine/ and the
// LANGUAGE.md examples) and run under both engines: each construct's allow and deny, met
// and breach paths, on the virtual clock.
#include <catch2/catch.hpp>

#include "compiler/compiled_policy.hpp"
#include "compiler/test_plan_builder.hpp"
#include "runtime/test_runner.hpp"
#include "tests/support/checked_program.hpp"

namespace {

using namespace writ;

void run_policy_tests(const std::string& path, compiler::EngineKind engine, std::size_t expected_tests) {
  auto checked = test::check_paths({path});
  INFO(checked->rendered());
  REQUIRE(checked->ok);
  auto compiled = compiler::compile_policy(checked->program, checked->sources, engine);
  REQUIRE(std::holds_alternative<std::unique_ptr<compiler::CompiledPolicy>>(compiled));
  auto& policy = *std::get<std::unique_ptr<compiler::CompiledPolicy>>(compiled);
  auto tests = compiler::build_tests(checked->program, checked->sources);
  REQUIRE(std::holds_alternative<std::vector<compiler::TestCase>>(tests));
  const auto& cases = std::get<std::vector<compiler::TestCase>>(tests);
  CHECK(cases.size() == expected_tests);
  for (const auto& test : cases) {
    runtime::TestOutcome outcome = runtime::run_test(test, *policy.plan, *policy.routines, policy.hash);
    INFO(test.name);
    for (const auto& failure : outcome.failures) FAIL_CHECK(failure);
  }
}

std::string fixture(const std::string& name) { return std::string(WRIT_TESTS_DIR) + "/fixtures/" + name; }

}  // namespace

TEST_CASE("engine: admission (permits, guards, suppress, freezes), interpreter") {
  run_policy_tests(fixture("engine/admission.writ"), compiler::EngineKind::Interpreter, 4);
}

TEST_CASE("engine: admission (permits, guards, suppress, freezes), JIT") {
  run_policy_tests(fixture("engine/admission.writ"), compiler::EngineKind::Jit, 4);
}

TEST_CASE("engine: clocks (SLAs, ladders, obligations), interpreter") {
  run_policy_tests(fixture("engine/clocks.writ"), compiler::EngineKind::Interpreter, 9);
}

TEST_CASE("engine: clocks (SLAs, ladders, obligations), JIT") {
  run_policy_tests(fixture("engine/clocks.writ"), compiler::EngineKind::Jit, 9);
}

TEST_CASE("engine: engine-wide instances (global events), interpreter") {
  run_policy_tests(fixture("engine/globals.writ"), compiler::EngineKind::Interpreter, 10);
}

TEST_CASE("engine: engine-wide instances (global events), JIT") {
  run_policy_tests(fixture("engine/globals.writ"), compiler::EngineKind::Jit, 10);
}

TEST_CASE("engine: the LANGUAGE.md test block passes under both engines") {
  run_policy_tests(fixture("language"), compiler::EngineKind::Interpreter, 1);
  run_policy_tests(fixture("language"), compiler::EngineKind::Jit, 1);
}
