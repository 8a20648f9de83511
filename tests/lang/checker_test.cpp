#include <catch2/catch.hpp>

#include "tests/support/checked_program.hpp"

using namespace writ;
using namespace writ::lang;

namespace {

std::unique_ptr<test::CheckedProgram> check_fixtures() {
  return test::check_paths({std::string(WRIT_TESTS_DIR) + "/fixtures/language"});
}

// The first declaration of type T in the root unit whose name is `name`.
template <class T>
T& find_decl(test::CheckedProgram& run, const std::string& name) {
  for (Module* module : run.program.units.front()->modules) {
    for (Decl& decl : module->decls) {
      auto* d = std::get_if<T>(&decl);
      if (!d) continue;
      if constexpr (requires { d->name.text; }) {
        if (d->name.text == name) return *d;
      } else if constexpr (requires { d->field.text; }) {
        if (d->field.text == name) return *d;
      } else {
        if (d->type.str() == name) return *d;
      }
    }
  }
  FAIL("no declaration named " << name);
  throw std::logic_error("unreachable");
}

std::vector<std::string> codes(const test::CheckedProgram& run) {
  std::vector<std::string> out;
  for (const auto& d : run.diags.all()) out.emplace_back(code_string(d.code));
  return out;
}

}  // namespace

TEST_CASE("the LANGUAGE.md examples check as one policy set with no diagnostics", "[lang][checker]") {
  auto run = check_fixtures();
  INFO(run->rendered());
  CHECK(run->diags.all().empty());
  CHECK(run->ok);
  // The three files form the root unit; declarations.writ imports the ITIL module.
  REQUIRE(run->program.units.size() == 2);
  CHECK(run->program.units[0]->modules.size() == 3);
  CHECK(run->program.units[1]->name == "itil");
}

TEST_CASE("every standard library module checks with no diagnostics", "[lang][checker]") {
  for (const char* name : {"itil.writ", "calendars.writ", "events.writ"}) {
    auto run = test::check_paths({std::string(WRIT_SOURCE_DIR) + "/stdlib/" + name});
    INFO(name << "\n" << run->rendered());
    CHECK(run->diags.all().empty());
  }
}

TEST_CASE("the shipped policies check as one policy set with no diagnostics", "[lang][checker]") {
  // Warnings count too: no contradicting classify tables, no permit that never holds, no
  // unreachable row.
  auto run = test::check_paths({std::string(WRIT_SOURCE_DIR) + "/policies"});
  INFO(run->rendered());
  REQUIRE_FALSE(run->program.units.empty());
  CHECK(run->program.units[0]->modules.size() >= 8);  // at least one file per curriculum module
  CHECK(run->diags.all().empty());
  CHECK(run->ok);
}

TEST_CASE("W0516 and W0517 stay quiet on policies that do not contradict each other", "[lang][checker]") {
  auto run = test::check_text(R"(
state {
  tier: int = 4
  noisy: bool = false
}
event a.x { n: int, v: string, hot: bool }
event b.y { n: int }
classify tier on a.x {
  otherwise => 1
}
classify tier on b.y {
  otherwise => 2
}
classify noisy on a.x {
  otherwise => false
}
permit a.x when event.n >= 5 and event.n <= 5
permit a.x when actor.role in {} or actor.role == "lead"
permit a.x when event.v == "a" and actor.role == "b"
permit a.x when event.v != "a" and event.v != "b"
permit a.x when event.hot or not event.hot
permit b.y when event.n == state.tier
)");
  INFO(run->rendered());
  CHECK(run->diags.all().empty());
}

TEST_CASE("the checker fills what names and triggers resolve to", "[lang][checker]") {
  auto run = check_fixtures();
  REQUIRE(run->ok);
  auto& updated = find_decl<EventDecl>(*run, "incident.updated");
  auto& tier_enum = find_decl<EnumDecl>(*run, "Tier");

  auto& classify = find_decl<ClassifyDecl>(*run, "tier");
  CHECK(classify.event == &updated);
  const Expr& p1 = *classify.rows[0].value;
  CHECK(p1.resolved.kind == NameKind::EnumValue);
  CHECK(p1.resolved.enum_decl == &tier_enum);
  CHECK(p1.resolved.enum_index == 0);
  CHECK(type_name(p1.type) == "Tier");

  auto& rule = find_decl<RuleDecl>(*run, "declare_major");
  CHECK(rule.event == &updated);
  CHECK(rule.condition->type.kind == Type::Kind::Bool);

  auto& vendor_sla = find_decl<SlaDecl>(*run, "vendor_sla");
  CHECK(vendor_sla.target->call_kind == CallKind::Table);
  CHECK(vendor_sla.target->table == &find_decl<TableDecl>(*run, "vendor_response"));
  CHECK(vendor_sla.target->type.kind == Type::Kind::Duration);
  const Expr& started = *vendor_sla.stops[0].condition->rhs;
  CHECK(started.resolved.kind == NameKind::StartedField);
  CHECK(started.resolved.event == &find_decl<EventDecl>(*run, "vendor.engaged"));
  CHECK(started.resolved.field == "vendor");

  auto& business = find_decl<CalendarDecl>(*run, "business");
  CHECK(find_decl<SlaDecl>(*run, "triage").resolved_calendar == &business);
  auto& measure = find_decl<MeasureDecl>(*run, "business_time_to_triage");
  CHECK(measure.resolved_calendar == &business);
  CHECK(measure.from_event == &find_decl<EventDecl>(*run, "alert.received"));
  CHECK(measure.to_event == &find_decl<EventDecl>(*run, "triage.assessed"));

  auto& freeze = find_decl<FreezeDecl>(*run, "post_major");
  REQUIRE(freeze.blocked_events.size() == 1);
  CHECK(freeze.blocked_events[0] == &find_decl<EventDecl>(*run, "change.requested"));
  CHECK(find_decl<ObligationDecl>(*run, "bridge_call").required_event == &find_decl<EventDecl>(*run, "bridge.opened"));

  const StateDecl* state = nullptr;
  for (const auto& module : run->program.modules) {
    for (const Decl& decl : module->decls) {
      if (!state) state = std::get_if<StateDecl>(&decl);
    }
  }
  REQUIRE(state);
  CHECK(type_name(state->fields[0].resolved_type) == "Tier");
  auto& change = find_decl<EventDecl>(*run, "change.requested");
  CHECK(type_name(change.fields[2].resolved_type) == "string");
  auto& status = find_decl<EventDecl>(*run, "status.updated");
  CHECK(type_name(status.fields[1].resolved_type) == "string?");
}

TEST_CASE("optional fields are read under has()", "[lang][checker]") {
  auto run = test::check_text(R"(
event a.x { note: string? }
rule r1 on a.x when has(event.note) and event.note == "x" { close }
rule r2 on a.x when if has(event.note) then event.note == "x" else false { close }
rule r3 on a.x when not has(event.note) or event.note == "x" { close }
rule r4 on a.x when if not has(event.note) then false else event.note == "x" { close }
rule r5 on a.x when has(event.note) { notify event.note }
guard g on a.x when has(event.note) {
  deny when event.note == "x" because "note {event.note}"
}
guard h on a.x {
  deny when has(event.note) and lower(event.note) == "x" because "note"
  deny when has(event.id) because "deduplicated as {event.id}"
}
)");
  INFO(run->rendered());
  CHECK(run->diags.all().empty());
}

TEST_CASE("what has() proves does not leak past its scope", "[lang][checker]") {
  auto run = test::check_text(R"(
event a.x { note: string? }
rule r1 on a.x when has(event.note) or event.note == "x" { close }
rule r2 on a.x when (has(event.note) and true) == false { notify event.note }
guard g on a.x {
  deny when has(event.note) because "first"
  deny when event.note == "x" because "second"
}
)");
  INFO(run->rendered());
  CHECK(codes(*run) == std::vector<std::string>{"E0402", "E0402", "E0402"});
}

TEST_CASE("bare enum values take the expected type, across modules", "[lang][checker]") {
  auto run = test::check_texts({{"policy.writ", R"(import "itil.writ"
state { prio: itil.Priority = P2 }
event a.x { impact: string }
rule r on a.x when itil.priority(High, Low) <= P1 and itil.limit > 2 {
  set prio = itil.priority(itil.Impact.High, itil.Urgency.Low)
  set prio = if event.impact == "x" then P1 else itil.P2
}
measure m from a.x to a.x during itil.office_hours
)"}},
                               test::SourceText{"itil.writ", R"(policy itil
enum Impact { Low, High }
enum Urgency { Low, High }
enum Priority { P1, P2 }
const limit = 3
table priority: (Impact, Urgency) -> Priority {
  (High, High) => P1
  (High, Low) => P2
  otherwise => P2
}
calendar office_hours {
  zone "UTC"
  open mon..fri 09:00..17:00
}
)"});
  INFO(run->rendered());
  CHECK(run->diags.all().empty());
}

TEST_CASE("built-ins resolve and type their arguments", "[lang][checker]") {
  auto run = test::check_text(R"(
calendar biz {
  zone "Europe/Brussels"
  open mon..fri 08:00..18:00
}
services { "payments" -> "db" }
event a.x { service: string, tags: set<string>, since: time }
rule r on a.x when business_elapsed(event.since, now, biz) > max(1h, age)
  and "payments" in dependents(event.service) and len(event.tags) >= 1
  and starts_with(lower(event.service), "pay") and min(event.since, now) < now {
  close
}
)");
  INFO(run->rendered());
  REQUIRE(run->diags.all().empty());
  auto& rule = find_decl<RuleDecl>(*run, "r");
  const Expr* call = rule.condition.get();
  while (call->kind == Expr::Kind::Binary && call->binary_op == BinaryOp::And) call = call->lhs.get();
  call = call->lhs.get();  // business_elapsed(...) of `... > max(1h, age)`
  CHECK(call->call_kind == CallKind::BusinessElapsed);
  CHECK(call->calendar == &find_decl<CalendarDecl>(*run, "biz"));
  CHECK(call->items[2]->type.kind == Type::Kind::Calendar);
}

TEST_CASE("W0501 stays quiet on rows that can still match", "[lang][checker]") {
  auto run = test::check_text(R"(
enum Tier { P1, P2, P3 }
state { tier: Tier = P3 }
event a.x { sev: int, svc: string, hot: bool }
classify tier on a.x {
  when event.sev <= 2 => P1
  when event.sev <= 3 => P2
  when event.svc != "a" and event.sev == 1 => P3
  when event.hot => P1
  when not event.hot and state.tier >= P2 => P2
  when event.svc not in {"a", "b"} => P3
  when event.svc == "c" => P3
  otherwise => P3
}
)");
  INFO(run->rendered());
  // Only `event.svc != "a" and event.sev == 1` (sev 1 is taken by the first row) and
  // `event.svc == "c"` (not in {a, b}) are unreachable.
  REQUIRE(codes(*run) == std::vector<std::string>{"W0501", "W0501"});
  CHECK(run->sources.file(0).line_col(run->diags.all()[0].span.begin).line == 8);
  CHECK(run->sources.file(0).line_col(run->diags.all()[1].span.begin).line == 12);
  CHECK(run->ok);
}

TEST_CASE("enum bounds make a field's rows complete", "[lang][checker]") {
  auto run = test::check_text(R"(
enum Tier { P1, P2, P3 }
state {
  tier: Tier = P3
  n: int = 0
}
event a.x { sev: int }
classify n on a.x {
  when state.tier <= P2 => 1
  when state.tier == P3 => 2
  when event.sev == 1 => 3
  otherwise => 4
}
)");
  INFO(run->rendered());
  REQUIRE(codes(*run) == std::vector<std::string>{"W0501"});
  CHECK(run->sources.file(0).line_col(run->diags.all()[0].span.begin).line == 11);
}

TEST_CASE("an event type declared alike in two modules is one vocabulary", "[lang][checker]") {
  auto run = test::check_texts({{"policy.writ", "import \"lib.writ\"\nevent a.x { n: int, who: string? }\n"}},
                               test::SourceText{"lib.writ", "policy lib\nevent a.x { n: int, who: string? }\n"});
  INFO(run->rendered());
  CHECK(run->diags.all().empty());
}

TEST_CASE("started reads the event that started the clock", "[lang][checker]") {
  auto run = test::check_text(R"(
event vendor.engaged { vendor: string, note: string? }
event vendor.responded { vendor: string }
sla s within 1h {
  start on vendor.engaged
  stop on vendor.responded when event.vendor == started.vendor
  breach { notify started.vendor message "since {started.at}" }
  met { audit "{started.vendor} answered" }
}
obligation o {
  after vendor.engaged when has(event.note)
  require vendor.responded within 2h where event.vendor == started.vendor
  violation { notify started.vendor }
}
)");
  INFO(run->rendered());
  CHECK(run->diags.all().empty());
  auto& sla = find_decl<SlaDecl>(*run, "s");
  CHECK(sla.start->event == &find_decl<EventDecl>(*run, "vendor.engaged"));
  CHECK(sla.stops[0].event == &find_decl<EventDecl>(*run, "vendor.responded"));
}
