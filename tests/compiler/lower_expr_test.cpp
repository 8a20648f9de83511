#include <catch2/catch.hpp>

#include "compiler/layout_builder.hpp"
#include "tests/support/compiled_policy.hpp"

using namespace writ;
using namespace writ::compiler;

namespace {

const char* kSchema = R"(
enum Tier { Gold, Silver, Bronze }
const limit = 10
const vip = {"alice", "bob"}
event alert.received { service: string, tier: Tier, count: int, tags: set<string>, expires: time? }
state { n: int = 0  seen: set<string> = {}  flag: bool = false }
table weight: Tier -> int { Gold => 3  Silver => 2  otherwise => 1 }
)";

std::unique_ptr<test::CompiledPolicy> compile(const std::string& rules) {
  auto policy = test::compile_rules(std::string(kSchema) + rules);
  INFO(policy->checked->rendered());
  REQUIRE(policy->checked->ok);
  return policy;
}

std::string lowered(const std::string& rules, std::size_t index = 0) {
  auto policy = compile(rules);
  INFO((policy->error ? policy->error->message : ""));
  REQUIRE_FALSE(policy->error);
  REQUIRE(index < policy->functions.size());
  return ir::to_string(*policy->functions[index].body);
}

}  // namespace

TEST_CASE("names lower to loads at their layout's words", "[compiler][lower]") {
  // alert.received: presence word, six reserved words, then service at 7, tier 8, count 9.
  CHECK(lowered("rule r on alert.received { set n = event.count + limit }") == "(add (load event 9) (const 10))");
  CHECK(lowered("rule r on alert.received { set n = state.n }") == "(load state 1)");
  CHECK(lowered("rule r on alert.received { set flag = actor.role == \"sre\" }") ==
        "(eq (load event 6) (const 1))");
  CHECK(lowered("rule r on alert.received { set n = age / 1s }") ==
        "(div (sub (now) (load state 0)) (const 1000))");
}

TEST_CASE("enum values lower to their positions and sets to sorted ids", "[compiler][lower]") {
  CHECK(lowered("rule r on alert.received { set flag = event.tier >= Bronze }") == "(ge (load event 8) (const 2))");
  // "alice" and "bob" are interned first (ids 1, 2) when the constant is lowered.
  CHECK(lowered("rule r on alert.received { set flag = \"carol\" in vip or event.service in vip }") ==
        "(or (in (const 1) (const-set {2 3})) (in (load event 7) (const-set {2 3})))");
  CHECK(lowered("rule r on alert.received { set seen = {event.service, \"x\"} }") ==
        "(make-set (load event 7) (const 1))");
  CHECK(lowered("rule r on alert.received { set flag = event.tags contains all {} }") ==
        "(contains-all (load-set event 10) (const-set {}))");
}

TEST_CASE("operators lower per the typing table", "[compiler][lower]") {
  CHECK(lowered("rule r on alert.received { set flag = event.service not in event.tags }") ==
        "(not (in (load event 7) (load-set event 10)))");
  CHECK(lowered("rule r on alert.received { set flag = event.tags contains \"db\" }") ==
        "(in (const 1) (load-set event 10))");
  CHECK(lowered("rule r on alert.received { set flag = event.tags != state.seen }") ==
        "(not (set-eq (load-set event 10) (load-set state 2)))");
  CHECK(lowered("rule r on alert.received when has(event.expires) { set n = (event.expires - now) % 1h / 1m }", 1) ==
        "(div (mod (sub (load event 12) (now)) (const 3600000)) (const 60000))");
  CHECK(lowered("rule r on alert.received when has(event.expires) { set flag = true }") == "(present event bit 1)");
}

TEST_CASE("tables lower to a switch over constant keys with otherwise", "[compiler][lower]") {
  CHECK(lowered("rule r on alert.received { set n = weight(event.tier) }") ==
        "(switch (load event 8) [0] => (const 3) [1] => (const 2) otherwise => (const 1))");
}

TEST_CASE("built-ins lower to their ops", "[compiler][lower]") {
  CHECK(lowered("rule r on alert.received { set flag = starts_with(lower(event.service), \"db\") }") ==
        "(starts-with (lower (load event 7)) (const 1))");
  CHECK(lowered("rule r on alert.received { set n = max(len(event.tags), min(event.count, 0)) }") ==
        "(max (len (load-set event 10)) (min (load event 9) (const 0)))");
  CHECK(lowered("rule r on alert.received { set n = if state.flag then 1 else -event.count }") ==
        "(if (load state 4) (const 1) (neg (load event 9)))");
}

TEST_CASE("business_elapsed without the program's calendars is an error, not code", "[compiler][lower]") {
  auto policy = compile(R"(
calendar biz { zone "Europe/Brussels"  open mon..fri 08:00..18:00 }
rule r on alert.received { set flag = business_elapsed(state.opened_at, now, biz) > 1h }
)");
  REQUIRE(policy->error);
  // This helper lowers rule by rule without a Plan, so no calendar table is in scope; the
  // Plan builder passes one (tests/fixtures/engine/clocks.writ runs it in both engines).
  CHECK(policy->error->message == "`business_elapsed` needs the program's calendars");
  CHECK(policy->functions.empty());
}

TEST_CASE("dependents lowers to a table of the service map's transitive dependents", "[compiler][lower]") {
  // web depends on api, api on db: db's dependents are api and web, api's are web.
  // Interned in map order: "api" (1), its dependent "web" (2), then "db" (3).
  CHECK(lowered(R"(
services { "web" -> "api"  "api" -> "db" }
rule r on alert.received { set seen = dependents(event.service) }
)") == "(switch (load event 7) [1] => (const-set {2}) [3] => (const-set {1 2}) otherwise => (const-set {}))");
  // Without a services block every service has no dependents.
  CHECK(lowered("rule r on alert.received { set seen = dependents(\"db\") }") ==
        "(switch (const 1) otherwise => (const-set {}))");
}

TEST_CASE("dependents without the service map in scope is an error", "[compiler][lower]") {
  auto checked = test::check_text(std::string(kSchema) + R"(
services { "api" -> "db" }
rule r on alert.received { set seen = dependents(event.service) }
)");
  REQUIRE(checked->ok);
  ProgramLayouts layouts = build_layouts(checked->program);
  StringTable strings;
  for (const auto& module : checked->program.modules) {
    for (const lang::Decl& decl : module->decls) {
      const auto* rule = std::get_if<lang::RuleDecl>(&decl);
      if (!rule) continue;
      LowerScope scope{&layouts, layouts.event("alert.received"), &strings};
      auto result = lower_expr(*rule->actions[0].value, scope);
      REQUIRE(std::holds_alternative<CompileError>(result));
      CHECK(std::get<CompileError>(result).message == "`dependents` needs the program's service map");
    }
  }
}

TEST_CASE("an expression the checker rejected does not lower", "[compiler][lower]") {
  auto checked = test::check_text(std::string(kSchema) + "rule r on alert.received { set n = event.nope + 1 }");
  REQUIRE_FALSE(checked->ok);
  ProgramLayouts layouts = build_layouts(checked->program);
  StringTable strings;
  for (const auto& module : checked->program.modules) {
    for (const lang::Decl& decl : module->decls) {
      const auto* rule = std::get_if<lang::RuleDecl>(&decl);
      if (!rule) continue;
      LowerScope scope{&layouts, layouts.event("alert.received"), &strings};
      auto result = lower_expr(*rule->actions[0].value, scope);
      REQUIRE(std::holds_alternative<CompileError>(result));
      CHECK(std::get<CompileError>(result).message == "this expression was not accepted by the checker");
    }
  }
}

TEST_CASE("one policy text always lowers to the same IR and string ids", "[compiler][lower]") {
  const std::string rules = R"(
rule r1 on alert.received when event.service in {"db", "web"} { set seen = {"api", event.service} }
rule r2 on alert.received when starts_with(event.service, "we") { set flag = "api" in vip }
)";
  auto first = compile(rules);
  auto second = compile(rules);
  REQUIRE_FALSE(first->error);
  REQUIRE(first->functions.size() == second->functions.size());
  for (std::size_t i = 0; i < first->functions.size(); ++i) {
    CHECK(ir::to_string(*first->functions[i].body) == ir::to_string(*second->functions[i].body));
  }
  REQUIRE(first->strings.size() == second->strings.size());
  for (StringId id = 0; id < first->strings.size(); ++id) CHECK(first->strings.text(id) == second->strings.text(id));
  // Source order: "db" and "web" come first, then "api", "we", then the constant's members.
  CHECK(first->strings.text(1) == "db");
  CHECK(first->strings.text(3) == "api");
  CHECK(first->strings.text(4) == "we");
}
