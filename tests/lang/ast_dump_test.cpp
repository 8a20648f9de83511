#include <catch2/catch.hpp>

#include "lang/ast_dump.hpp"
#include "lang/parser.hpp"
#include "tests/support/ast_factory.hpp"
#include "tests/support/golden.hpp"

using namespace writ::lang;
using namespace writ::test;

namespace {

Module small_module() {
  Module m;
  m.header = PolicyHeader{ident("major"), "1.2.0", {annotation("owner", {"Crisis Office"})}, {}};
  m.imports.push_back({"stdlib/itil.writ", {}, ""});
  ConstDecl threshold{{annotation("rationale", {"board"})}, ident("threshold"), int_lit(1000), {}};
  m.decls.emplace_back(std::move(threshold));
  RuleDecl rule;
  rule.name = ident("declare");
  rule.event_type = path("incident.updated");
  rule.condition = bin(BinaryOp::And, parens(bin(BinaryOp::Or, name("a"), name("b"))), name("c"));
  Action set_major;
  set_major.kind = Action::Kind::Set;
  set_major.target = path("major");
  set_major.value = bool_lit(true);
  rule.actions.push_back(std::move(set_major));
  Action notify;
  notify.kind = Action::Kind::Notify;
  notify.value = str("crisis");
  notify.message = Message{};
  notify.message->parts.push_back({"", name("event.incident"), {}});
  notify.message->parts.push_back({" is major", nullptr, {}});
  rule.actions.push_back(std::move(notify));
  m.decls.emplace_back(std::move(rule));
  return m;
}

RuleDecl& the_rule(Module& m) { return std::get<RuleDecl>(m.decls[1]); }

}  // namespace

TEST_CASE("the dump shows one node per line, indented", "[lang][dump]") {
  CHECK(dump_module(small_module()) ==
        R"((module
  (policy major version "1.2.0"
    (@owner "Crisis Office"))
  (import "stdlib/itil.writ")
  (const threshold
    (@rationale "board")
    (int 1000))
  (rule declare on incident.updated
    (when
      (binary and
        (parens
          (binary or
            (name a)
            (name b)))
        (name c)))
    (set major
      (bool true))
    (notify
      (string "crisis")
      (message
        (name event.incident)
        (text " is major")))))
)");
}

TEST_CASE("spans and checker results do not show in the dump", "[lang][dump]") {
  Module a = small_module();
  Module b = small_module();
  b.span = {3, 10, 200};
  the_rule(b).span = {3, 40, 120};
  the_rule(b).name.span = {3, 45, 52};
  the_rule(b).condition->span = {3, 60, 70};
  the_rule(b).condition->type = Type::of(Type::Kind::Bool);
  b.comments.push_back({"// note", {3, 0, 7}, false});
  CHECK(dump_module(a) == dump_module(b));
}

TEST_CASE("every syntactic difference shows in the dump", "[lang][dump]") {
  const std::string base = dump_module(small_module());
  auto differs = [&](auto change) {
    Module m = small_module();
    change(m);
    return dump_module(m) != base;
  };
  CHECK(differs([](Module& m) { the_rule(m).condition->lhs->parenthesized = false; }));
  CHECK(differs([](Module& m) { the_rule(m).condition->binary_op = BinaryOp::Or; }));
  CHECK(differs([](Module& m) { the_rule(m).delay = duration(60'000); }));
  CHECK(differs([](Module& m) { the_rule(m).actions[1].message->parts[1].text = " is Major"; }));
  CHECK(differs([](Module& m) { m.header->version.clear(); }));
  CHECK(differs([](Module& m) { m.header->annotations.clear(); }));
  CHECK(differs([](Module& m) { std::get<ConstDecl>(m.decls[0]).value = duration(1000); }));
}

TEST_CASE("optional parts are labelled, so a delay never reads as a condition", "[lang][dump]") {
  auto rule_with = [](bool delay) {
    Module m;
    RuleDecl rule;
    rule.name = ident("r");
    rule.event_type = path("a.b");
    (delay ? rule.delay : rule.condition) = name("x");
    m.decls.emplace_back(std::move(rule));
    return dump_module(m);
  };
  CHECK(rule_with(true) != rule_with(false));
  CHECK_THAT(rule_with(true), Catch::Contains("(delay\n"));
}

// ---------------------------------------------------------------------------------------
// Through the parser.

namespace {

std::string dump_text(std::string text) {
  SourceManager sources;
  Diagnostics diags;
  auto module = parse_module(sources.add("input.writ", std::move(text)), diags);
  INFO(render_text(diags, sources));
  REQUIRE_FALSE(diags.has_errors());
  return dump_module(*module);
}

}  // namespace

TEST_CASE("the same text laid out differently dumps the same", "[lang][dump]") {
  const std::string compact =
      "rule r on a.b when event.x>1 and not has(event.y) {set tier=P1 notify \"t\" message \"{event.x}!\"}";
  const std::string spread =
      "// a comment\nrule r\n  on a.b\n  when event.x > 1   // another\n    and not has( event.y )\n{\n"
      "  set tier = P1\n\n  notify \"t\"\n    message \"{ event.x }!\"\n}\n";
  CHECK(dump_text(compact) == dump_text(spread));
  CHECK(dump_text("const a = 1_000 + 60s") == dump_text("const a = 1000 + 1m"));
}

TEST_CASE("parentheses and literal values show in the dump", "[lang][dump]") {
  CHECK(dump_text("const a = (1 + 2) * 3") != dump_text("const a = 1 + 2 * 3"));
  CHECK(dump_text("const a = (1)") != dump_text("const a = 1"));
  CHECK(dump_text("const a = 2d") != dump_text("const a = 2h"));
  CHECK(dump_text("const a = \"x\"") != dump_text("const a = \"y\""));
}

TEST_CASE("golden dumps pin the tree the parser builds", "[lang][dump][golden]") {
  auto cases = golden_cases("dump", ".writ");
  REQUIRE_FALSE(cases.empty());
  for (const auto& golden : cases) {
    CAPTURE(golden.name);
    GoldenResult result = check_golden(golden, dump_text(read_text(golden.input)));
    INFO(result.message);
    CHECK(result.ok);
  }
}
