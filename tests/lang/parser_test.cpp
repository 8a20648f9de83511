// parse_module end to end: the LANGUAGE.md examples, the shape of the tree, spans, syntax
// errors with their positions, recovery, nesting limits and robustness on random input.
#include <catch2/catch.hpp>

#include <memory>
#include <random>
#include <string>

#include "lang/literals.hpp"
#include "lang/parser.hpp"

using namespace writ::lang;

namespace {

struct Parsed {
  std::unique_ptr<SourceManager> sources = std::make_unique<SourceManager>();
  const SourceFile* file = nullptr;
  Diagnostics diags{DiagnosticOptions{1000}};
  std::optional<Module> module;

  LineCol at(std::uint32_t offset) const { return file->line_col(offset); }
  std::string text(Span span) const { return file->text().substr(span.begin, span.end - span.begin); }
  std::string all_diagnostics() const { return render_text(diags, *sources); }
};

Parsed parse(std::string text, ParseOptions options = {}) {
  Parsed p;
  p.file = &p.sources->add("test.writ", std::move(text));
  p.module = parse_module(*p.file, p.diags, options);
  return p;
}

Parsed parse_fixture(const std::string& name) {
  Parsed p;
  std::string error;
  p.file = p.sources->load(std::string(WRIT_TESTS_DIR) + "/fixtures/language/" + name, error);
  REQUIRE(p.file != nullptr);
  p.module = parse_module(*p.file, p.diags);
  return p;
}

template <typename D>
const D& decl_at(const Parsed& p, std::size_t index) {
  REQUIRE(p.module);
  REQUIRE(index < p.module->decls.size());
  REQUIRE(std::holds_alternative<D>(p.module->decls[index]));
  return std::get<D>(p.module->decls[index]);
}

template <typename D>
std::size_t count(const Module& m) {
  return static_cast<std::size_t>(
      std::count_if(m.decls.begin(), m.decls.end(), [](const Decl& d) { return std::holds_alternative<D>(d); }));
}

const Expr& value_of(const Parsed& p, std::size_t index = 0) { return *decl_at<ConstDecl>(p, index).value; }

}  // namespace

// ---------------------------------------------------------------------------------------
// The LANGUAGE.md examples

TEST_CASE("the LANGUAGE.md declarations parse without diagnostics", "[lang]") {
  Parsed p = parse_fixture("declarations.writ");
  INFO(p.all_diagnostics());
  REQUIRE(p.diags.all().empty());
  const Module& m = *p.module;
  REQUIRE(m.header);
  CHECK(m.header->name.text == "major_incident");
  CHECK(m.header->version == "1.2.0");
  // After the header and followed by an import: the policy's annotations.
  REQUIRE(m.header->annotations.size() == 2);
  CHECK(m.header->annotations[0].name.text == "owner");
  CHECK(m.header->annotations[0].args == std::vector<std::string>{"Crisis Management Office"});
  CHECK(m.header->annotations[1].args == std::vector<std::string>{"2026-10-01"});
  REQUIRE(m.imports.size() == 1);
  CHECK(m.imports[0].path == "stdlib/itil.writ");
  CHECK(m.decls.size() == 22);
  CHECK(count<EnumDecl>(m) == 1);
  CHECK(count<ConstDecl>(m) == 2);
  CHECK(count<EventDecl>(m) == 15);
  CHECK(count<StateDecl>(m) == 1);
  CHECK(count<TableDecl>(m) == 1);
  CHECK(count<CalendarDecl>(m) == 1);
  CHECK(count<ServicesDecl>(m) == 1);
}

TEST_CASE("the LANGUAGE.md behaviour constructs parse without diagnostics", "[lang]") {
  Parsed p = parse_fixture("behaviour.writ");
  INFO(p.all_diagnostics());
  REQUIRE(p.diags.all().empty());
  const Module& m = *p.module;
  CHECK_FALSE(m.header);
  CHECK(m.decls.size() == 20);
  CHECK(count<ClassifyDecl>(m) == 1);
  CHECK(count<RuleDecl>(m) == 2);
  CHECK(count<PermitDecl>(m) == 2);
  CHECK(count<GuardDecl>(m) == 3);
  CHECK(count<SuppressDecl>(m) == 1);
  CHECK(count<CorrelateDecl>(m) == 1);
  CHECK(count<SlaDecl>(m) == 2);
  CHECK(count<EscalationDecl>(m) == 1);
  CHECK(count<ObligationDecl>(m) == 3);
  CHECK(count<FreezeDecl>(m) == 2);
  CHECK(count<MeasureDecl>(m) == 2);
}

TEST_CASE("the LANGUAGE.md test block parses without diagnostics", "[lang]") {
  Parsed p = parse_fixture("tests.writ");
  INFO(p.all_diagnostics());
  REQUIRE(p.diags.all().empty());
  const auto& test = decl_at<TestDecl>(p, 0);
  CHECK(test.name == "triage breach escalates to the ladder");
  REQUIRE(test.steps.size() == 6);
  const auto& first = std::get<TestAt>(test.steps[0].step);
  CHECK_FALSE(first.relative);
  CHECK(first.when->int_value == *parse_time("2026-11-26T09:00:00Z"));
  CHECK(first.event_type->str() == "alert.received");
  REQUIRE(first.fields.size() == 4);
  CHECK(first.fields[0].name.text == "incident");
  CHECK(first.fields[0].value->string_value == "INC-1");
  CHECK_FALSE(first.actor);
  const auto& second = std::get<TestAt>(test.steps[1].step);
  CHECK(second.relative);
  CHECK(second.when->int_value == 16 * 60'000);
  CHECK_FALSE(second.event_type);
  const auto& breach = std::get<TestExpect>(test.steps[2].step);
  CHECK(breach.kind == TestExpect::Kind::Breach);
  CHECK(breach.name->str() == "triage");
  CHECK(std::get<TestExpect>(test.steps[3].step).value->string_value == "on-call");
  const auto& change = std::get<TestAt>(test.steps[4].step);
  REQUIRE(change.actor);
  CHECK((*change.actor)[1].name.text == "role");
  CHECK(change.fields[1].name.text == "to");  // a keyword as a field name
  CHECK(std::get<TestExpect>(test.steps[5].step).kind == TestExpect::Kind::Denied);
}

TEST_CASE("a keyword may head a dotted event type", "[lang]") {
  Parsed p = parse("event policy.updated global { policy: string }\nrule r on ticket.created {}\n");
  INFO(p.all_diagnostics());
  REQUIRE(p.diags.all().empty());
  const auto& event = decl_at<EventDecl>(p, 0);
  CHECK(event.type.str() == "policy.updated");
  REQUIRE(event.type.parts.size() == 2);
  CHECK(p.text(event.type.parts[0].span) == "policy");
  CHECK(decl_at<RuleDecl>(p, 1).event_type.str() == "ticket.created");
}

TEST_CASE("`expect no` negates an expectation", "[lang]") {
  Parsed p = parse("test \"t\" {\n  expect no violation bridge_call\n  expect no ticket \"k\"\n  expect met bridge_call\n}\n");
  INFO(p.all_diagnostics());
  REQUIRE(p.diags.all().empty());
  const auto& test = decl_at<TestDecl>(p, 0);
  REQUIRE(test.steps.size() == 3);
  const auto& violation = std::get<TestExpect>(test.steps[0].step);
  CHECK(violation.kind == TestExpect::Kind::Violation);
  CHECK(violation.negated);
  CHECK(violation.name->str() == "bridge_call");
  CHECK(p.text(violation.span) == "expect no violation bridge_call");
  const auto& ticket = std::get<TestExpect>(test.steps[1].step);
  CHECK(ticket.kind == TestExpect::Kind::Ticket);
  CHECK(ticket.negated);
  CHECK_FALSE(std::get<TestExpect>(test.steps[2].step).negated);
}

// ---------------------------------------------------------------------------------------
// Shape of the tree

TEST_CASE("operators nest by precedence", "[lang]") {
  Parsed p = parse_fixture("behaviour.writ");
  const auto& rule = decl_at<RuleDecl>(p, 1);
  // state.tier == P1 and age >= 30m or event.data_exposure or event.locations >= 2
  const Expr& c = *rule.condition;
  REQUIRE(c.kind == Expr::Kind::Binary);
  CHECK(c.binary_op == BinaryOp::Or);
  CHECK(c.rhs->binary_op == BinaryOp::Ge);
  const Expr& left = *c.lhs;
  CHECK(left.binary_op == BinaryOp::Or);
  CHECK(left.rhs->kind == Expr::Kind::Name);
  CHECK(left.rhs->name.str() == "event.data_exposure");
  const Expr& conj = *left.lhs;
  CHECK(conj.binary_op == BinaryOp::And);
  CHECK(conj.lhs->binary_op == BinaryOp::Eq);
  CHECK(conj.rhs->binary_op == BinaryOp::Ge);
  CHECK(conj.rhs->rhs->kind == Expr::Kind::Duration);
  CHECK(conj.rhs->rhs->int_value == 30 * 60'000);

  Parsed q = parse("const x = -a * (b + c) % 2 - d\nconst y = not a == b\nconst z = if a then 1 else if b then 2 else 3\n"
                   "const w = s not in {\"a\"} and t contains all {} and u contains any v and w contains x");
  REQUIRE(q.diags.all().empty());
  const Expr& x = value_of(q, 0);
  CHECK(x.binary_op == BinaryOp::Sub);
  CHECK(x.lhs->binary_op == BinaryOp::Mod);
  CHECK(x.lhs->lhs->binary_op == BinaryOp::Mul);
  CHECK(x.lhs->lhs->lhs->kind == Expr::Kind::Unary);
  CHECK(x.lhs->lhs->lhs->unary_op == UnaryOp::Neg);
  const Expr& paren = *x.lhs->lhs->rhs;
  CHECK(paren.parenthesized);
  CHECK(paren.binary_op == BinaryOp::Add);
  CHECK(q.text(paren.span) == "(b + c)");
  CHECK_FALSE(x.parenthesized);
  const Expr& y = value_of(q, 1);
  CHECK(y.kind == Expr::Kind::Unary);
  CHECK(y.unary_op == UnaryOp::Not);
  CHECK(y.lhs->binary_op == BinaryOp::Eq);
  const Expr& z = value_of(q, 2);
  REQUIRE(z.kind == Expr::Kind::If);
  CHECK(z.items[2]->kind == Expr::Kind::If);
  const Expr& w = value_of(q, 3);
  CHECK(w.rhs->binary_op == BinaryOp::Contains);
  CHECK(w.lhs->rhs->binary_op == BinaryOp::ContainsAny);
  CHECK(w.lhs->lhs->rhs->binary_op == BinaryOp::ContainsAll);
  CHECK(w.lhs->lhs->lhs->binary_op == BinaryOp::NotIn);
}

TEST_CASE("literals carry their values", "[lang]") {
  Parsed p = parse(
      "const a = 1_000\nconst b = 1h30m\nconst c = 2026-12-25T09:00:00+01:00\nconst d = \"a\\\"b\\\\c\\n\\t\\{\"\n"
      "const e = {\"x\", \"y\"}\nconst f = {}\nconst g = true\nconst h = itil.priority(event.impact, 2)\n"
      "const i = \"{not} interpolated\"");
  INFO(p.all_diagnostics());
  REQUIRE(p.diags.all().empty());
  CHECK(value_of(p, 0).int_value == 1000);
  CHECK(value_of(p, 1).int_value == 90 * 60'000);
  CHECK(value_of(p, 2).int_value == *parse_time("2026-12-25T08:00:00Z"));
  CHECK(value_of(p, 3).string_value == "a\"b\\c\n\t{");
  CHECK(value_of(p, 4).items.size() == 2);
  CHECK(value_of(p, 5).kind == Expr::Kind::Set);
  CHECK(value_of(p, 5).items.empty());
  CHECK(value_of(p, 6).bool_value);
  const Expr& call = value_of(p, 7);
  REQUIRE(call.kind == Expr::Kind::Call);
  CHECK(call.name.str() == "itil.priority");
  CHECK(call.items.size() == 2);
  CHECK(p.text(call.span) == "itil.priority(event.impact, 2)");
  CHECK(value_of(p, 8).string_value == "{not} interpolated");
}

TEST_CASE("message strings are split into text and expressions", "[lang]") {
  Parsed p = parse_fixture("behaviour.writ");
  const auto& rule = decl_at<RuleDecl>(p, 1);
  const Action& notify = rule.actions[1];
  REQUIRE(notify.kind == Action::Kind::Notify);
  REQUIRE(notify.message);
  const auto& parts = notify.message->parts;
  // "{event.incident} declared major ({state.tier})"
  REQUIRE(parts.size() == 4);
  CHECK(parts[0].expr->name.str() == "event.incident");
  CHECK(parts[1].text == " declared major (");
  CHECK(parts[2].expr->name.str() == "state.tier");
  CHECK(parts[3].text == ")");
  CHECK(p.text(parts[2].expr->span) == "state.tier");
  LineCol lc = p.at(parts[2].expr->span.begin);
  CHECK(lc.line == 14);
  CHECK(lc.column == 73);
  CHECK(p.text(parts[2].span) == "{state.tier}");

  Parsed s = parse("rule r on x { audit \"cost { 1 + 2 } \\{literal}\" }");
  REQUIRE(s.diags.all().empty());
  const auto& audit = decl_at<RuleDecl>(s, 0).actions[0];
  REQUIRE(audit.message->parts.size() == 3);
  CHECK(audit.message->parts[1].expr->binary_op == BinaryOp::Add);
  CHECK(audit.message->parts[2].text == " {literal}");
}

TEST_CASE("declarations keep every part", "[lang]") {
  Parsed p = parse_fixture("declarations.writ");
  const auto& tier = decl_at<EnumDecl>(p, 0);
  CHECK(tier.name.text == "Tier");
  REQUIRE(tier.values.size() == 4);
  CHECK(tier.values[3].text == "P4");
  const auto& threshold = decl_at<ConstDecl>(p, 1);
  REQUIRE(threshold.annotations.size() == 1);
  CHECK(threshold.annotations[0].name.text == "rationale");
  // A declaration's span covers its annotations.
  CHECK(p.at(threshold.span.begin).line == 8);
  CHECK(p.text(threshold.span) == "@rationale(\"board decision 2026-03\")\nconst major_user_threshold = 1000");
  const auto& change = decl_at<EventDecl>(p, 17);
  CHECK(change.type.str() == "change.requested");
  CHECK(change.global);
  REQUIRE(change.fields.size() == 3);
  REQUIRE(change.fields[2].annotations.size() == 1);
  CHECK(change.fields[2].annotations[0].name.text == "sensitive");
  CHECK(p.text(change.fields[2].span) == "requester: string @sensitive");
  const auto& status = decl_at<EventDecl>(p, 9);
  CHECK(status.fields[1].type.optional);
  CHECK(status.fields[1].type.kind == TypeRef::Kind::String);
  const auto& state = decl_at<StateDecl>(p, 18);
  CHECK_FALSE(state.global);
  REQUIRE(state.fields.size() == 4);
  CHECK(state.fields[0].type.kind == TypeRef::Kind::Named);
  CHECK(state.fields[0].type.name.str() == "Tier");
  CHECK(state.fields[0].initial->name.str() == "P4");
  const auto& table = decl_at<TableDecl>(p, 19);
  CHECK(table.key_types.size() == 1);
  CHECK(table.value_type.kind == TypeRef::Kind::Duration);
  REQUIRE(table.rows.size() == 3);
  CHECK(table.rows[2].otherwise);
  CHECK(table.rows[1].keys[0]->string_value == "globex-db");
  const auto& calendar = decl_at<CalendarDecl>(p, 20);
  CHECK(calendar.zone == "Europe/Brussels");
  REQUIRE(calendar.open.size() == 1);
  CHECK(calendar.open[0].first_day == Weekday::Mon);
  CHECK(calendar.open[0].last_day == Weekday::Fri);
  CHECK(calendar.open[0].from_minute == 480);
  CHECK(calendar.open[0].to_minute == 1080);
  REQUIRE(calendar.closed.size() == 2);
  CHECK(calendar.closed[1].first.day == 26);
  const auto& services = decl_at<ServicesDecl>(p, 21);
  REQUIRE(services.edges.size() == 2);
  CHECK(services.edges[0].depends_on == std::vector<std::string>{"db-main", "network-core"});
}

TEST_CASE("tables take tuple keys", "[lang]") {
  Parsed p = parse(
      "table priority: (Impact, Urgency) -> Priority {\n  (High, High) => P1\n  (High, Low) => P3\n"
      "  (\"a\" + \"b\") => P4\n  otherwise => P5\n}\nglobal { count: int = 0 }\ncalendar c { open sat 09:00..12:00 "
      "closed 2026-12-24..2026-12-31 }");
  INFO(p.all_diagnostics());
  REQUIRE(p.diags.all().empty());
  const auto& t = decl_at<TableDecl>(p, 0);
  REQUIRE(t.key_types.size() == 2);
  CHECK(t.key_types[1].name.str() == "Urgency");
  REQUIRE(t.rows.size() == 4);
  REQUIRE(t.rows[1].keys.size() == 2);
  CHECK(t.rows[1].keys[1]->name.str() == "Low");
  CHECK(t.rows[1].value->name.str() == "P3");
  REQUIRE(t.rows[2].keys.size() == 1);  // a parenthesised key, not a tuple
  CHECK(t.rows[2].keys[0]->parenthesized);
  CHECK(p.at(t.rows[1].span.begin).line == 3);
  CHECK(decl_at<StateDecl>(p, 1).global);
  const auto& c = decl_at<CalendarDecl>(p, 2);
  CHECK(c.open[0].first_day == Weekday::Sat);
  CHECK(c.open[0].last_day == Weekday::Sat);
  CHECK(c.closed[0].last.day == 31);
}

TEST_CASE("behaviour constructs keep every part", "[lang]") {
  Parsed p = parse_fixture("behaviour.writ");
  const auto& classify = decl_at<ClassifyDecl>(p, 0);
  CHECK(classify.field.text == "tier");
  CHECK(classify.event_type.str() == "incident.updated");
  REQUIRE(classify.rows.size() == 4);
  CHECK_FALSE(classify.rows[3].condition);
  LineCol at = p.at(classify.span.begin);
  CHECK(at.line == 2);
  CHECK(at.column == 1);
  CHECK(p.at(classify.span.end).line == 7);

  const auto& timer = decl_at<RuleDecl>(p, 2);
  REQUIRE(timer.delay);
  CHECK(timer.delay->int_value == 4 * 3'600'000);
  CHECK(timer.event_type.str() == "alert.received");
  CHECK(timer.actions[0].kind == Action::Kind::Set);
  CHECK(timer.actions[0].target.str() == "tier");

  const auto& permit = decl_at<PermitDecl>(p, 3);
  CHECK(permit.condition->binary_op == BinaryOp::In);
  const auto& guard = decl_at<GuardDecl>(p, 6);
  CHECK(guard.condition->name.str() == "event.temporary");
  CHECK(guard.denies.size() == 2);
  const auto& suppress = decl_at<SuppressDecl>(p, 8);
  CHECK(suppress.condition->rhs->binary_op == BinaryOp::NotIn);
  const auto& correlate = decl_at<CorrelateDecl>(p, 9);
  CHECK(correlate.window->int_value == 5 * 60'000);

  const auto& triage = decl_at<SlaDecl>(p, 10);
  CHECK(triage.calendar->str() == "business");
  REQUIRE(triage.start);
  CHECK(triage.start->condition);
  CHECK(triage.stops.size() == 1);
  REQUIRE(triage.warns.size() == 1);
  CHECK(triage.warns[0].percentages == std::vector<int>{50, 80});
  CHECK(triage.breach->actions[0].kind == Action::Kind::Escalate);
  const auto& vendor = decl_at<SlaDecl>(p, 11);
  CHECK(vendor.target->kind == Expr::Kind::Call);
  CHECK(vendor.stops[0].condition->rhs->name.str() == "started.vendor");
  const Action& ticket = vendor.breach->actions[0];
  CHECK(ticket.kind == Action::Kind::OpenTicket);
  CHECK(ticket.owner->string_value == "vendor-management");
  CHECK(ticket.due->int_value == 2 * 86'400'000LL);

  const auto& ladder = decl_at<EscalationDecl>(p, 12);
  REQUIRE(ladder.levels.size() == 3);
  CHECK(ladder.levels[0].number == 1);
  CHECK_FALSE(ladder.levels[0].delay);
  CHECK(ladder.levels[1].delay->int_value == 15 * 60'000);
  CHECK(ladder.stops.size() == 1);
  CHECK(ladder.repeat_count == 2);

  const auto& bridge = decl_at<ObligationDecl>(p, 13);
  CHECK(bridge.after->event_type.str() == "major.declared");
  CHECK(bridge.required_type.str() == "bridge.opened");
  CHECK(bridge.within->int_value == 10 * 60'000);
  CHECK(bridge.where->binary_op == BinaryOp::ContainsAll);
  CHECK(bridge.violation->actions.size() == 2);
  const auto& status = decl_at<ObligationDecl>(p, 14);
  CHECK(status.while_condition);
  CHECK(status.every->int_value == 30 * 60'000);

  const auto& post = decl_at<FreezeDecl>(p, 16);
  CHECK(post.after->condition);
  CHECK(post.duration->int_value == 48 * 3'600'000);
  CHECK(post.blocked_types[0].str() == "change.requested");
  CHECK(post.unless->binary_op == BinaryOp::And);
  const auto& year_end = decl_at<FreezeDecl>(p, 17);
  CHECK(year_end.from->kind == Expr::Kind::Time);
  CHECK(year_end.to->int_value == *parse_time("2027-01-04T00:00:00Z"));

  const auto& business = decl_at<MeasureDecl>(p, 19);
  CHECK(business.from_type.str() == "alert.received");
  CHECK(business.to_type.str() == "triage.assessed");
  CHECK(business.calendar->str() == "business");
  CHECK(business.target->int_value == 15 * 60'000);
}

TEST_CASE("every action form", "[lang]") {
  Parsed p = parse(
      "rule r on x {\n  set global.count = global.count + 1\n  emit y.z { to: 2, incident: event.incident }\n"
      "  stop triage\n  close\n  notify \"a\"\n}");
  INFO(p.all_diagnostics());
  REQUIRE(p.diags.all().empty());
  const auto& actions = decl_at<RuleDecl>(p, 0).actions;
  REQUIRE(actions.size() == 5);
  CHECK(actions[0].target.str() == "global.count");
  REQUIRE(actions[1].fields.size() == 2);
  CHECK(actions[1].fields[0].name.text == "to");
  CHECK(actions[2].kind == Action::Kind::Stop);
  CHECK(actions[3].kind == Action::Kind::Close);
  CHECK_FALSE(actions[4].message);
  CHECK(p.text(actions[1].span) == "emit y.z { to: 2, incident: event.incident }");
}

TEST_CASE("annotations belong to the policy or to the next declaration", "[lang]") {
  Parsed before = parse("@owner(\"a\")\npolicy p\n@rationale(\"r\")\nconst x = 1");
  REQUIRE(before.diags.all().empty());
  REQUIRE(before.module->header->annotations.size() == 1);
  CHECK(before.module->header->annotations[0].name.text == "owner");
  CHECK(decl_at<ConstDecl>(before, 0).annotations[0].name.text == "rationale");

  Parsed no_header = parse("@owner(\"a\")\nimport \"x.writ\"");
  REQUIRE(no_header.diags.all().size() == 1);
  CHECK(no_header.diags.all()[0].code == Code::SyntaxError);
}

TEST_CASE("comments are collected with their trailing flag", "[lang]") {
  Parsed p = parse_fixture("declarations.writ");
  const auto& comments = p.module->comments;
  REQUIRE(comments.size() == 7);
  CHECK(comments[0].text == "// relative to the file, or to the stdlib folder");
  CHECK(comments[0].trailing);
  CHECK(p.at(comments[0].span.begin).line == 4);
  CHECK_FALSE(comments[1].trailing);
  CHECK(comments[1].text.rfind("// Event schemas.", 0) == 0);

  Parsed q = parse("\xEF\xBB\xBF// first\r\nconst x = \"// not a comment\" // second\r\nconst y = 2");
  INFO(q.all_diagnostics());
  REQUIRE(q.diags.all().empty());
  REQUIRE(q.module->comments.size() == 2);
  CHECK(q.module->comments[0].text == "// first");
  CHECK(q.module->comments[1].text == "// second");
  CHECK(q.module->comments[1].trailing);
  // A node's span stops before the comment after it.
  CHECK(q.text(decl_at<ConstDecl>(q, 0).span) == "const x = \"// not a comment\"");
}

// ---------------------------------------------------------------------------------------
// Syntax errors

namespace {
struct ErrorCase {
  const char* source;
  Code code;
  std::uint32_t line;
  std::uint32_t column;
};
}  // namespace

TEST_CASE("syntax errors are reported with their code and position", "[lang]") {
  const ErrorCase cases[] = {
      {"const x 1", Code::SyntaxError, 1, 9},
      {"classify tier on a {\n  when x P1\n}", Code::SyntaxError, 2, 10},
      {"rule r on a when x < y < z {}", Code::SyntaxError, 1, 24},
      {"event e { x int }", Code::SyntaxError, 1, 13},
      {"const x = (1 + 2", Code::SyntaxError, 1, 17},
      {"sla s within 15m { start a }", Code::SyntaxError, 1, 26},
      {"const x = 1 +", Code::SyntaxError, 1, 14},
      {"const x = \"a\\qb\"", Code::InvalidEscape, 1, 13},
      {"const x = \"abc", Code::UnterminatedString, 1, 11},
      {"const x = 99999999999999999999", Code::InvalidInteger, 1, 11},
      {"measure m from a to b target 1h1h", Code::InvalidDuration, 1, 30},
      {"freeze f { from 2026-13-01T00:00:00Z to 2026-12-01T00:00:00Z }", Code::InvalidTime, 1, 17},
      {"calendar c { closed 2026-02-30 }", Code::InvalidDate, 1, 21},
      {"calendar c { open mon 08:00..24:30 }", Code::InvalidDate, 1, 30},
      {"sla s within 1h { warn at 100% {} }", Code::InvalidPercentage, 1, 27},
      {"const x = 1 # 2", Code::InvalidCharacter, 1, 13},
      {"enum Tier { P1 P2 }", Code::SyntaxError, 1, 16},
      {"rule r on a {\n  set = 1\n}", Code::SyntaxError, 2, 7},
      {"permit x.y\nconst a = 1", Code::SyntaxError, 2, 1},
      {"test \"t\" {\n  expect nothing\n}", Code::SyntaxError, 2, 10},
      {"policy Major", Code::SyntaxError, 1, 8},
      {"guard g on x { deny when y because z }", Code::SyntaxError, 1, 36},
      {"escalation e { level 1 notify \"x\" }", Code::SyntaxError, 1, 24},
      {"table t: string -> int { \"a\" 1 }", Code::SyntaxError, 1, 30},
      {"obligation o { require x }", Code::SyntaxError, 1, 26},
      {"const x = if a then b", Code::SyntaxError, 1, 22},
      {"const x = {\"a\" \"b\"}", Code::SyntaxError, 1, 16},
      {"const rule = 1", Code::SyntaxError, 1, 7},
      {"event a.b global { to: int }\nconst x = event.to +", Code::SyntaxError, 2, 21},
      {"const x = \"bad\"\nrule r on x { audit \"bad {}\" }", Code::SyntaxError, 2, 27},
      {"import x", Code::SyntaxError, 1, 8},
      {"state { tier: Tier }", Code::SyntaxError, 1, 20},
      {"sla s within 1h { start on a start on b }", Code::DuplicateClause, 1, 30},
      {"const x = \"a\xff\"", Code::InvalidCharacter, 1, 13},
      {"const x = 2026-12-25", Code::SyntaxError, 1, 11},
      {"const x = f (1)", Code::SyntaxError, 1, 13},
      {"rule r on 4h alert.received {}", Code::SyntaxError, 1, 11},
      {"const x = \xc3\xa9", Code::InvalidCharacter, 1, 11},
      {"const x = 1\n}", Code::SyntaxError, 2, 1},
      {"rule r on x { audit \"n {event.x // note}\" }", Code::SyntaxError, 1, 33},
  };
  for (const ErrorCase& c : cases) {
    Parsed p = parse(c.source);
    INFO(c.source);
    INFO(p.all_diagnostics());
    REQUIRE(p.diags.all().size() >= 1);
    const Diagnostic& d = p.diags.all()[0];
    CHECK(d.code == c.code);
    LineCol at = p.at(d.span.begin);
    CHECK(at.line == c.line);
    CHECK(at.column == c.column);
    CHECK_FALSE(d.message.empty());
  }
}

TEST_CASE("syntax error messages say what was expected", "[lang]") {
  Parsed p = parse("classify tier on a {\n  when x P1\n}");
  CHECK(p.diags.all()[0].message == "expected `=>` after the classify condition");
  Parsed q = parse("const x = (1");
  CHECK(q.diags.all()[0].message == "expected `)`, but the file ends here");
  Parsed r = parse("const x = 1 $ 2");
  CHECK(r.diags.all()[0].message == "unexpected character `$` outside a string or comment");
  CHECK_FALSE(r.diags.all()[0].help.empty());
}

TEST_CASE("after a syntax error, parsing resumes at the next declaration", "[lang]") {
  Parsed p = parse(
      "const a = 1\n"
      "rule broken on x { set = 1 }\n"
      "const b = 2\n"
      "sla bad within 1h { start a }\n"
      "// comment\n"
      "@owner(\"x\")\n"
      "event e {}\n"
      "measure m from a\n"
      "const c = 3\n");
  REQUIRE(p.diags.all().size() == 3);
  CHECK(p.at(p.diags.all()[0].span.begin).line == 2);
  CHECK(p.at(p.diags.all()[1].span.begin).line == 4);
  CHECK(p.at(p.diags.all()[2].span.begin).line == 9);
  REQUIRE(p.module->decls.size() == 4);
  CHECK(decl_at<ConstDecl>(p, 0).name.text == "a");
  CHECK(decl_at<ConstDecl>(p, 1).name.text == "b");
  CHECK(decl_at<EventDecl>(p, 2).annotations.size() == 1);
  CHECK(decl_at<ConstDecl>(p, 3).name.text == "c");
}

TEST_CASE("clauses that may appear once are reported when repeated", "[lang]") {
  Parsed p = parse(
      "escalation e { level 1: close repeat 1 after 1m repeat 2 after 1m }\n"
      "obligation o { after a after b require c within 1m require d every 1m violation {} violation {} }\n"
      "freeze f { block a block b from 2026-01-01T00:00:00Z to 2026-01-02T00:00:00Z "
      "from 2026-01-01T00:00:00Z to 2026-01-02T00:00:00Z }\n"
      "calendar c { zone \"UTC\" zone \"UTC\" }");
  std::size_t duplicates = 0;
  for (const Diagnostic& d : p.diags.all()) duplicates += d.code == Code::DuplicateClause ? 1 : 0;
  CHECK(duplicates == 7);
  CHECK(p.module->decls.size() == 4);
  CHECK(decl_at<ObligationDecl>(p, 1).required_type.str() == "c");
}

TEST_CASE("the parser is lenient where the checker reports", "[lang]") {
  // A missing `otherwise` (E0500) or `start` (E0512) is the checker's to report.
  Parsed p = parse("classify t on x { when a => 1 }\nsla s within 1h {}\ntable t: int -> int {}");
  CHECK(p.diags.all().empty());
  CHECK(p.module->decls.size() == 3);
}

// ---------------------------------------------------------------------------------------
// Limits

namespace {
std::string repeat(std::string_view unit, std::size_t n) {
  std::string out;
  out.reserve(unit.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += unit;
  return out;
}

void check_nesting_capped(const std::string& source) {
  Parsed p = parse(source);
  REQUIRE(p.module);
  REQUIRE_FALSE(p.diags.all().empty());
  CHECK(p.diags.all()[0].code == Code::NestingTooDeep);
}
}  // namespace

TEST_CASE("deep nesting is an error, never a stack overflow", "[lang]") {
  constexpr std::size_t kDeep = 100000;
  check_nesting_capped("const x = " + repeat("(", kDeep) + "1" + repeat(")", kDeep));
  check_nesting_capped("const x = " + repeat("{", kDeep));
  check_nesting_capped("const x = " + repeat("not ", kDeep) + "a");
  check_nesting_capped("const x = " + repeat("- ", kDeep) + "1");
  check_nesting_capped("const x = " + repeat("-", kDeep) + "1");
  check_nesting_capped("const x = " + repeat("f(", kDeep));
  check_nesting_capped("const x = " + repeat("if a then b else ", kDeep) + "c");
  check_nesting_capped("const x = 1" + repeat(" + 1", kDeep));
  check_nesting_capped("rule r on x { audit \"{" + repeat("(", kDeep) + "}\" }");

  Parsed braces = parse(repeat("{", kDeep));
  CHECK(braces.diags.all().size() == 1);
  Parsed blocks = parse("rule r on x " + repeat("{", kDeep));
  CHECK(blocks.diags.all().size() == 1);
  CHECK(blocks.diags.all()[0].code == Code::SyntaxError);

  std::string deep_but_allowed = "const x = " + repeat("(", 100) + "1" + repeat(")", 100);
  CHECK(parse(deep_but_allowed).diags.all().empty());
  Parsed capped = parse(deep_but_allowed, ParseOptions{10});
  REQUIRE(capped.diags.all().size() == 1);
  CHECK(capped.diags.all()[0].code == Code::NestingTooDeep);
  CHECK(capped.at(capped.diags.all()[0].span.begin).column == 20);
}

TEST_CASE("files over 64 MiB are refused", "[lang]") {
  Parsed p = parse(std::string(64u * 1024 * 1024 + 1, ' '));
  CHECK_FALSE(p.module);
  REQUIRE(p.diags.all().size() == 1);
  CHECK(p.diags.all()[0].code == Code::IoError);
}

// ---------------------------------------------------------------------------------------
// Robustness

namespace {
void check_spans(const Parsed& p) {
  auto size = static_cast<std::uint32_t>(p.file->text().size());
  for (const Decl& d : p.module->decls) {
    const Span& s = decl_span(d);
    CHECK(s.begin <= s.end);
    CHECK(s.end <= size);
  }
  for (const Diagnostic& d : p.diags.all()) CHECK(d.span.end <= size);
}
}  // namespace

TEST_CASE("random bytes never crash or hang the parser", "[lang]") {
  std::mt19937 rng(20261126);
  const std::string alphabet =
      "abcdefghijklmnopqrstuvwxyzAPT_0123456789 \t\n\"\\{}()[],.:=<>!+-*/%?@#$\xc3\xa9\xff\x01";
  for (int i = 0; i < 2000; ++i) {
    std::string text(rng() % 200, ' ');
    for (char& c : text) c = alphabet[rng() % alphabet.size()];
    Parsed p = parse(text);
    REQUIRE(p.module);
    check_spans(p);
  }
}

TEST_CASE("mutated fixtures never crash or hang the parser", "[lang]") {
  std::vector<std::string> fixtures;
  for (const char* name : {"declarations.writ", "behaviour.writ", "tests.writ"}) {
    fixtures.push_back(parse_fixture(name).file->text());
  }
  const std::string pieces[] = {"{", "}", "(", ")", "\"", "\\", "when", "not", "-", "//", "\n", "@x", "2026-", "1h",
                                "%", ",", "..", "=>", "\xff", "state."};
  std::mt19937 rng(7);
  for (int i = 0; i < 3000; ++i) {
    std::string text = fixtures[rng() % fixtures.size()];
    int mutations = 1 + static_cast<int>(rng() % 5);
    for (int m = 0; m < mutations && !text.empty(); ++m) {
      std::size_t at = rng() % text.size();
      switch (rng() % 4) {
        case 0: text.erase(at, 1 + rng() % 20); break;
        case 1: text.insert(at, pieces[rng() % std::size(pieces)]); break;
        case 2: text.insert(at, text.substr(rng() % text.size(), rng() % 40)); break;
        default: text[at] = static_cast<char>(rng() % 256); break;
      }
    }
    Parsed p = parse(text);
    REQUIRE(p.module);
    check_spans(p);
  }
}
