#include <catch2/catch.hpp>

#include "lang/formatter.hpp"
#include "tests/support/ast_factory.hpp"

using namespace writ::lang;
using namespace writ::test;

namespace {

std::string format(const Module& m) {
  SourceFile none(0, "built.writ", "");
  return format_module(m, none);
}

ConstDecl constant(std::string name, std::int64_t value, Annotations annotations = {}) {
  return {std::move(annotations), ident(std::move(name)), int_lit(value), {}};
}

Action action(Action::Kind kind, std::string target = "", ExprPtr value = nullptr) {
  Action a;
  a.kind = kind;
  if (!target.empty()) a.target = path(target);
  a.value = std::move(value);
  return a;
}

RuleDecl rule(std::string name, ExprPtr condition) {
  RuleDecl r;
  r.name = ident(std::move(name));
  r.event_type = path("incident.updated");
  r.condition = std::move(condition);
  r.actions.push_back(action(Action::Kind::Set, "major", bool_lit(true)));
  return r;
}

// `a0 or a1 or ... ` long enough to push a line past 100 columns.
ExprPtr long_condition(int terms) {
  ExprPtr e = name("event.condition_0");
  for (int i = 1; i < terms; ++i) e = bin(BinaryOp::Or, std::move(e), name("event.condition_" + std::to_string(i)));
  return e;
}

}  // namespace

TEST_CASE("an empty module formats to empty text", "[lang][fmt]") { CHECK(format(Module{}).empty()); }

TEST_CASE("policy annotations stand where they keep their owner", "[lang][fmt]") {
  Module m;
  m.header = PolicyHeader{ident("p"), "1.0", {annotation("owner", {"CMO"}), annotation("reviewed", {"2026-10-01"})}, {}};
  m.decls.emplace_back(constant("a", 1));
  CHECK(format(m) == "@owner(\"CMO\") @reviewed(\"2026-10-01\")\npolicy p version \"1.0\"\n\nconst a = 1\n");
  m.imports.push_back({"stdlib/itil.writ", {}, ""});
  CHECK(format(m) ==
        "policy p version \"1.0\"\n@owner(\"CMO\") @reviewed(\"2026-10-01\")\n\nimport \"stdlib/itil.writ\"\n\n"
        "const a = 1\n");
}

TEST_CASE("one-line declarations of a kind stay grouped; others are one blank line apart", "[lang][fmt]") {
  Module m;
  m.decls.emplace_back(constant("a", 1));
  m.decls.emplace_back(constant("b", 1'000));
  m.decls.emplace_back(constant("c", 3, {annotation("rationale", {"why"})}));
  m.decls.emplace_back(constant("d", 4));
  m.decls.emplace_back(rule("r", nullptr));
  m.decls.emplace_back(constant("e", 5));
  CHECK(format(m) ==
        "const a = 1\nconst b = 1000\n\n@rationale(\"why\")\nconst c = 3\nconst d = 4\n\n"
        "rule r on incident.updated {\n  set major = true\n}\n\nconst e = 5\n");
}

TEST_CASE("a rule header too long for one line puts `when` on its own line", "[lang][fmt]") {
  Module m;
  m.decls.emplace_back(rule("short", name("event.x")));
  m.decls.emplace_back(rule("long", long_condition(5)));
  CHECK(format(m) ==
        "rule short on incident.updated when event.x {\n  set major = true\n}\n\n"
        "rule long on incident.updated\n"
        "  when event.condition_0 or event.condition_1 or event.condition_2 or event.condition_3 or "
        "event.condition_4\n{\n  set major = true\n}\n");
}

TEST_CASE("schemas and enums take one line when they fit", "[lang][fmt]") {
  auto event = [](int fields) {
    EventDecl e;
    e.type = path("alert.received");
    for (int i = 0; i < fields; ++i) {
      FieldDecl f;
      f.name = ident("field_number_" + std::to_string(i));
      f.type.kind = TypeRef::Kind::String;
      if (i == 0) f.annotations.push_back(annotation("sensitive"));
      e.fields.push_back(std::move(f));
    }
    return e;
  };
  Module m;
  m.decls.emplace_back(event(0));
  m.decls.emplace_back(event(2));
  m.decls.emplace_back(event(5));
  m.decls.emplace_back(EnumDecl{{}, ident("Tier"), {ident("P1"), ident("P2")}, {}});
  CHECK(format(m) ==
        "event alert.received {}\n"
        "event alert.received { field_number_0: string @sensitive, field_number_1: string }\n\n"
        "event alert.received {\n  field_number_0: string @sensitive,\n  field_number_1: string,\n"
        "  field_number_2: string,\n  field_number_3: string,\n  field_number_4: string\n}\n\n"
        "enum Tier { P1, P2 }\n");
}

TEST_CASE("a single action stays on its clause's line; several make a block", "[lang][fmt]") {
  SlaDecl sla;
  sla.name = ident("triage");
  sla.target = duration(15 * 60'000);
  sla.calendar = path("business");
  sla.start = Trigger{path("alert.received"), bin(BinaryOp::Le, name("event.severity"), int_lit(2)), {}};
  sla.stops.push_back(Trigger{path("triage.assessed"), nullptr, {}});
  SlaWarn warn;
  warn.percentages = {50, 80};
  warn.actions.push_back(action(Action::Kind::Notify, "", str("triage-lead")));
  sla.warns.push_back(std::move(warn));
  sla.breach = ActionBlock{};
  sla.breach->actions.push_back(action(Action::Kind::Escalate, "major_path"));
  sla.breach->actions.push_back(action(Action::Kind::Close));
  EscalationDecl ladder;
  ladder.name = ident("major_path");
  LadderLevel level;
  level.number = 2;
  level.delay = duration(15 * 60'000);
  level.actions.push_back(action(Action::Kind::Notify, "", str("team-lead")));
  ladder.levels.push_back(std::move(level));
  ladder.repeat_count = 2;
  ladder.repeat_delay = duration(15 * 60'000);
  Module m;
  m.decls.emplace_back(std::move(sla));
  m.decls.emplace_back(std::move(ladder));
  CHECK(format(m) ==
        "sla triage within 15m during business {\n"
        "  start on alert.received when event.severity <= 2\n"
        "  stop on triage.assessed\n"
        "  warn at 50%, 80% { notify \"triage-lead\" }\n"
        "  breach {\n    escalate major_path\n    close\n  }\n"
        "}\n\n"
        "escalation major_path {\n  level 2 after 15m: notify \"team-lead\"\n  repeat 2 after 15m\n}\n");
}
