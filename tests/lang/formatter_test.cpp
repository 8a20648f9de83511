#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <random>

#include "lang/ast_dump.hpp"
#include "lang/formatter.hpp"
#include "lang/parser.hpp"
#include "tests/support/ast_factory.hpp"
#include "tests/support/golden.hpp"

using namespace writ::lang;
using namespace writ::test;
using writ::test::path;

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

TEST_CASE("one-line declarations of a kind stay grouped, others are one blank line apart", "[lang][fmt]") {
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

TEST_CASE("a single action stays on its clause line, several make a block", "[lang][fmt]") {
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

// ---------------------------------------------------------------------------------------
// Through the parser: golden files, round trips and random edits.

namespace {

// A parsed text with the source it came from, which format_module reads comments against.
struct Parsed {
  SourceManager sources;
  std::optional<Module> module;
  std::string errors;  // rendered diagnostics; empty when the text parsed cleanly

  bool ok() const { return module && errors.empty(); }
  const SourceFile& file() const { return sources.file(0); }
};

std::unique_ptr<Parsed> parse_text(std::string text) {
  auto parsed = std::make_unique<Parsed>();
  const SourceFile& file = parsed->sources.add("input.writ", std::move(text));
  Diagnostics diags;
  parsed->module = parse_module(file, diags);
  if (diags.has_errors()) parsed->errors = render_text(diags, parsed->sources);
  return parsed;
}

std::vector<std::string> comment_texts(const Module& module) {
  std::vector<std::string> texts;
  for (const auto& comment : module.comments) texts.push_back(comment.text);
  std::sort(texts.begin(), texts.end());
  return texts;
}

// Checks the formatter's promises on a text that parses cleanly: the output parses to the
// same tree, formats to itself, keeps every comment once and ends in one newline. Returns
// what broke, or an empty string.
std::string round_trip_failure(const std::string& text) {
  auto before = parse_text(text);
  if (!before->ok()) return "the input does not parse:\n" + before->errors;
  std::string once = format_module(*before->module, before->file());
  auto after = parse_text(once);
  if (!after->ok()) return "the output does not parse:\n" + after->errors + "\n" + once;
  if (dump_module(*after->module) != dump_module(*before->module)) return "the tree changed:\n" + once;
  if (comment_texts(*after->module) != comment_texts(*before->module)) return "the comments changed:\n" + once;
  if (!once.empty() && (once.back() != '\n' || once.ends_with("\n\n"))) return "not one final newline:\n" + once;
  std::string twice = format_module(*after->module, after->file());
  if (twice != once) return "formatting twice changes the text:\n" + once + "\n-- then --\n" + twice;
  return "";
}

std::vector<std::filesystem::path> round_trip_inputs() {
  std::vector<std::filesystem::path> files;
  for (const auto& dir : {std::filesystem::path(WRIT_TESTS_DIR) / "fixtures" / "language",
                          std::filesystem::path(WRIT_TESTS_DIR) / "golden" / "fmt",
                          std::filesystem::path(WRIT_SOURCE_DIR) / "policies",
                          std::filesystem::path(WRIT_SOURCE_DIR) / "stdlib"}) {
    auto found = files_with_extension(dir, ".writ");
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

}  // namespace

TEST_CASE("golden files pin the canonical layout", "[lang][fmt][golden]") {
  auto cases = golden_cases("fmt", ".writ");
  REQUIRE_FALSE(cases.empty());
  for (const auto& golden : cases) {
    CAPTURE(golden.name);
    auto parsed = parse_text(read_text(golden.input));
    REQUIRE(parsed->errors.empty());
    GoldenResult result = check_golden(golden, format_module(*parsed->module, parsed->file()));
    INFO(result.message);
    CHECK(result.ok);
  }
}

TEST_CASE("formatting keeps the tree and the comments of every fixture, policy and stdlib file",
          "[lang][fmt]") {
  auto files = round_trip_inputs();
  REQUIRE(files.size() >= 3);
  for (const auto& path : files) {
    CAPTURE(path.string());
    CHECK(round_trip_failure(read_text(path)) == "");
  }
}

namespace {

// One random edit that keeps the text's meaning when it still parses: line breaks and
// spaces between tokens, blank lines, comments, lines swapped or dropped, operands put in
// parentheses. Edits that break the syntax are weeded out by the caller.
std::string mutate(std::string text, std::mt19937& rng, int serial) {
  auto pick = [&](std::size_t n) { return n == 0 ? 0 : std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] == '\n') starts.push_back(i + 1);
  }
  std::size_t line = pick(starts.size());
  std::size_t begin = starts[line];
  std::size_t end = std::min(text.find('\n', begin), text.size());
  std::size_t spot = text.find(' ', begin + pick(end - begin + 1));
  std::string note = "// note " + std::to_string(serial);
  switch (pick(10)) {
    case 0:  // a line break between tokens
      if (spot < end) text.insert(spot, "\n   ");
      break;
    case 8:  // a comment between tokens, ending the line
      if (spot < end) text.insert(spot, " " + note + "\n");
      break;
    case 9:  // a comment line between tokens
      if (spot < end) text.insert(spot, "\n" + note + "\n");
      break;
    case 1:  // more space between tokens
      if (spot < end) text.insert(spot, " \t ");
      break;
    case 2: text.insert(begin, note + "\n"); break;
    case 3: text.insert(end, " " + note); break;
    case 4: text.insert(begin, pick(2) == 0 ? "\n" : "\n\n\n"); break;
    case 5: text.erase(begin, std::min(end + 1, text.size()) - begin); break;
    case 6:  // swap with the next line
      if (end < text.size()) {
        std::size_t next_end = std::min(text.find('\n', end + 1), text.size());
        std::string first = text.substr(begin, end - begin);
        std::string second = text.substr(end + 1, next_end - end - 1);
        text.replace(begin, next_end - begin, second + "\n" + first);
      }
      break;
    default:  // an operand in parentheses: a word after an operator or keyword
      if (spot < end) {
        std::size_t word_end = text.find_first_of(" \n,)}", spot + 1);
        if (word_end != std::string::npos && word_end > spot + 1) {
          text.insert(word_end, ")");
          text.insert(spot + 1, "(");
        }
      }
      break;
  }
  return text;
}

}  // namespace

TEST_CASE("random edits of the fixtures still format to the same tree", "[lang][fmt][property]") {
  std::mt19937 rng(20261126);  // fixed: a failure reproduces
  auto files = files_with_extension(std::filesystem::path(WRIT_TESTS_DIR) / "fixtures" / "language", ".writ");
  auto golden = files_with_extension(std::filesystem::path(WRIT_TESTS_DIR) / "golden" / "fmt", ".writ");
  files.insert(files.end(), golden.begin(), golden.end());
  REQUIRE_FALSE(files.empty());
  int tried = 0;
  int parsed = 0;
  for (const auto& path : files) {
    const std::string original = read_text(path);
    for (int round = 0; round < 60; ++round) {
      std::string text = original;
      int edits = 1 + static_cast<int>(rng() % 4);
      for (int e = 0; e < edits; ++e) text = mutate(std::move(text), rng, ++tried);
      if (!parse_text(text)->ok()) continue;
      ++parsed;
      CAPTURE(path.string(), text);
      CHECK(round_trip_failure(text) == "");
    }
  }
  // Most edits keep the syntax; if few did, the test would prove little.
  CHECK(parsed * 3 >= static_cast<int>(files.size()) * 60);
}
