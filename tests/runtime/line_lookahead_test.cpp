// LineLookahead (runtime/line_lookahead.hpp): the lines come out all, once, in order,
// whatever their count against its depth; it reads kDepth lines ahead, or none when told
// not to (a pipe); it stops reading at the end of the input; and an engine fed through
// it, warmed or not, decides byte for byte what it decides fed line by line.
// incident_hint finds the incident text a line names in the usual form only.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "compiler/compiled_policy.hpp"
#include "runtime/engine.hpp"
#include "runtime/event_decoder.hpp"
#include "runtime/line_lookahead.hpp"
#include "tests/support/checked_program.hpp"

namespace {

using namespace writ;

const char* const kPolicy = R"(policy lookahead
event alert.received { severity: int }
event incident.resolved {}
state { severity: int = 4 }

rule record on alert.received { set severity = event.severity }

sla respond within 30m {
  start on alert.received when event.severity <= 2
  stop on incident.resolved
  breach { notify "on-call" }
}
)";

std::unique_ptr<compiler::CompiledPolicy> compile() {
  auto checked = test::check_texts({{"lookahead_test.writ", kPolicy}});
  INFO(checked->rendered());
  REQUIRE(checked->ok);
  auto compiled = compiler::compile_policy(checked->program, checked->sources, compiler::EngineKind::Interpreter);
  REQUIRE(std::holds_alternative<std::unique_ptr<compiler::CompiledPolicy>>(compiled));
  return std::move(std::get<std::unique_ptr<compiler::CompiledPolicy>>(compiled));
}

// `incidents` incidents alerted, then each alerted again and resolved, one a second; a line
// that does not decode among them, and one with an escaped incident id.
std::vector<std::string> stream(int incidents) {
  std::vector<std::string> lines;
  int second = 0;
  auto at = [&second] {
    int s = second++;
    char text[32];
    std::snprintf(text, sizeof text, "2026-11-06T%02d:%02d:%02dZ", s / 3600, s / 60 % 60, s % 60);
    return std::string(text);
  };
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < incidents; ++i) {
      std::string head = R"({"at":")" + at() + R"(","incident":"INC-)" + std::to_string(i) + R"(",)";
      lines.push_back(head + (round < 2 ? R"("type":"alert.received","severity":)" + std::to_string(1 + i % 4) + "}"
                                        : std::string(R"("type":"incident.resolved"})")));
    }
  }
  lines.insert(lines.begin() + incidents / 2, R"({"at":"2026-11-06T00:00:00Z","type":)");
  lines.push_back(R"({"at":")" + at() + R"(","incident":"IN\"C","type":"alert.received","severity":1})");
  return lines;
}

// The JSON lines `writ replay` would print for `lines`, read through a lookahead or not.
std::vector<std::string> decide(const compiler::CompiledPolicy& policy, const std::vector<std::string>& lines,
                                bool lookahead) {
  std::vector<std::string> out;
  runtime::Engine engine(*policy.plan, *policy.routines, policy.hash,
                         [&](const runtime::Decision& d) { out.push_back(runtime::to_json(d, policy.hash)); });
  runtime::EventDecoder decoder(policy.plan->layouts, engine.strings());
  auto consume = [&](const std::string& line) {
    auto decoded = decoder.decode(line);
    if (auto* rejection = std::get_if<runtime::Rejection>(&decoded)) {
      return engine.reject(engine.clock(), rejection->message);
    }
    engine.submit(std::get<runtime::DecodedEvent>(std::move(decoded)));
  };
  if (!lookahead) {
    for (const std::string& line : lines) consume(line);
    return out;
  }
  std::size_t next = 0;
  runtime::LineLookahead ahead(engine, [&](std::string& line) {
    if (next == lines.size()) return false;
    line = lines[next++];
    return true;
  });
  while (const std::string* line = ahead.next()) consume(*line);
  return out;
}

}  // namespace

TEST_CASE("incident_hint: the text of a line's \"incident\":\"…\", wherever the key is") {
  CHECK(runtime::incident_hint(R"({"incident":"INC-1","type":"a"})") == "INC-1");
  CHECK(runtime::incident_hint(R"({"at":"2026-11-06T09:00:00Z","type":"a","incident":"a much longer id"})") ==
        "a much longer id");
  CHECK(runtime::incident_hint(R"({"incident":""})").empty());
}

TEST_CASE("incident_hint: nothing for a line without the key in that form, unterminated or escaped") {
  CHECK(runtime::incident_hint(R"({"type":"all.clear"})").empty());
  CHECK(runtime::incident_hint(R"({"incident" : "INC-1"})").empty());
  CHECK(runtime::incident_hint(R"({"incident":"INC-1)").empty());
  CHECK(runtime::incident_hint(R"({"incident":"IN\"C"})").empty());
  CHECK(runtime::incident_hint(R"("incident":")").empty());
  CHECK(runtime::incident_hint("").empty());
}

TEST_CASE("line lookahead: every line once, in order, for inputs shorter and longer than its depth") {
  auto policy = compile();
  runtime::Engine engine(*policy->plan, *policy->routines, policy->hash, [](const runtime::Decision&) {});
  for (std::size_t count : {0, 1, 2, 3, 4, 5, 17}) {
    std::vector<std::string> lines;
    for (std::size_t i = 0; i < count; ++i) lines.push_back("line " + std::to_string(i));
    std::size_t reads = 0;
    runtime::LineLookahead ahead(engine, [&](std::string& line) {
      ++reads;
      if (reads > lines.size()) return false;
      line = lines[reads - 1];
      return true;
    });
    std::vector<std::string> seen;
    while (const std::string* line = ahead.next()) seen.push_back(*line);
    INFO(count << " lines");
    CHECK(seen == lines);
    CHECK(ahead.next() == nullptr);
    CHECK(reads == count + 1);  // the end is read once
  }
}

TEST_CASE("line lookahead: it reads kDepth lines ahead of the one it hands out, or none when told not to") {
  auto policy = compile();
  runtime::Engine engine(*policy->plan, *policy->routines, policy->hash, [](const runtime::Decision&) {});
  const std::size_t count = 10;
  for (bool read_ahead : {true, false}) {
    std::size_t reads = 0;
    runtime::LineLookahead lines(
        engine,
        [&](std::string& line) {
          if (++reads > count) return false;
          line = std::to_string(reads - 1);
          return true;
        },
        read_ahead);
    INFO("reading ahead: " << read_ahead);
    for (std::size_t i = 0; i < count; ++i) {
      const std::string* line = lines.next();
      REQUIRE(line);
      CHECK(*line == std::to_string(i));
      // Lines read when line i is handed out: i + 1 (and the end, once reached).
      std::size_t due = i + 1 + (read_ahead ? runtime::LineLookahead::kDepth : 0);
      CHECK(reads == std::min(due, count + 1));
    }
    CHECK(lines.next() == nullptr);
    CHECK(reads == count + 1);
  }
}

TEST_CASE("line lookahead: the engine decides the same through it, below and above where it warms") {
  auto policy = compile();
  for (int incidents : {10, static_cast<int>(runtime::LineLookahead::kWarmFrom) + 500}) {
    std::vector<std::string> lines = stream(incidents);
    auto plain = decide(*policy, lines, false);
    auto ahead = decide(*policy, lines, true);
    INFO(incidents << " incidents");
    REQUIRE(plain.size() > lines.size());
    CHECK(plain == ahead);
  }
}
