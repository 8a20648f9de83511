#include <catch2/catch.hpp>

#include "compiler/interpreter.hpp"
#include "compiler/jit_evaluator.hpp"
#include "compiler/service_dependents.hpp"
#include "compiler/set_arena.hpp"
#include "tests/support/compiled_policy.hpp"

using namespace writ;
using namespace writ::compiler;

namespace {

using Names = std::vector<std::string>;

// A diamond: top depends on left and right, both depend on base; edge hangs off base alone.
const char* kDiamond = R"(
event svc.checked { service: string }
state { hit: set<string> = {} }
services {
  "top" -> "left", "right"
  "left" -> "base"
  "right" -> "base"
  "edge" -> "base"
}
)";

}  // namespace

TEST_CASE("dependents are transitive, counted once through a diamond", "[compiler][services]") {
  auto checked = test::check_text(kDiamond);
  INFO(checked->rendered());
  REQUIRE(checked->ok);
  ServiceDependents dependents = service_dependents(checked->program);
  CHECK(dependents == ServiceDependents{{"base", Names{"edge", "left", "right", "top"}},
                                        {"left", Names{"top"}},
                                        {"right", Names{"top"}}});
}

TEST_CASE("the service map spans every unit of the program", "[compiler][services]") {
  auto checked = test::check_texts({{"policy.writ", "import \"lib.writ\"\nservices { \"web\" -> \"api\" }\n"}},
                                   test::SourceText{"lib.writ", "policy lib\nservices { \"api\" -> \"db\" }\n"});
  INFO(checked->rendered());
  REQUIRE(checked->ok);
  CHECK(service_dependents(checked->program) ==
        ServiceDependents{{"api", Names{"web"}}, {"db", Names{"api", "web"}}});
}

TEST_CASE("a cycle in the map still terminates", "[compiler][services]") {
  // The checker rejects it (E0503); the walk must not loop on what it was given anyway.
  auto checked = test::check_text("services { \"a\" -> \"b\"  \"b\" -> \"a\" }\n");
  REQUIRE_FALSE(checked->ok);
  CHECK(service_dependents(checked->program) == ServiceDependents{{"a", Names{"a", "b"}}, {"b", Names{"a", "b"}}});
}

TEST_CASE("both engines give dependents the service map's answer", "[compiler][services]") {
  auto policy = test::compile_rules(std::string(kDiamond) +
                                    "rule r on svc.checked when \"top\" in dependents(event.service) "
                                    "{ set hit = dependents(event.service) }\n");
  INFO(policy->checked->rendered());
  REQUIRE(policy->checked->ok);
  REQUIRE_FALSE(policy->error);
  REQUIRE(policy->functions.size() == 2);
  auto created_session = JitSession::create(OptLevel::O2);
  REQUIRE(std::holds_alternative<std::unique_ptr<JitSession>>(created_session));
  auto created = JitEvaluator::create(*std::get<std::unique_ptr<JitSession>>(created_session), policy->functions);
  REQUIRE(std::holds_alternative<std::unique_ptr<JitEvaluator>>(created));
  JitEvaluator& jit = *std::get<std::unique_ptr<JitEvaluator>>(created);
  Interpreter interpreter(policy->functions);

  const RecordLayout& layout = *policy->layouts.event("svc.checked");
  SetArena arena;
  for (const char* service : {"base", "left", "right", "top", "edge", "unknown", ""}) {
    Record event(layout);
    event.set_scalar(*layout.find("service"), policy->strings.intern(service));
    EvalContext ctx{event.words(), nullptr, nullptr, nullptr, 0, &policy->strings, &arena};
    const ServiceDependents::const_iterator found = policy->services.find(service);
    Names expected = found == policy->services.end() ? Names{} : found->second;
    INFO("service " << service);
    for (Evaluator* engine : {static_cast<Evaluator*>(&interpreter), static_cast<Evaluator*>(&jit)}) {
      Value condition = engine->evaluate(0, ctx);
      Value set = engine->evaluate(1, ctx);
      Names got;
      for (StringId id : set.set) got.push_back(policy->strings.text(id));
      std::sort(got.begin(), got.end());
      CHECK(got == expected);
      CHECK(condition.scalar == (std::find(expected.begin(), expected.end(), "top") != expected.end() ? 1 : 0));
    }
  }
}
