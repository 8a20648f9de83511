// Engine state for checkpoints (docs/audit.md, "The checkpoint's state"): a restored engine is
// the engine it was taken from (its state is the same bytes and it decides the rest of a
// stream the same way), whether restored from the whole state or from the rows that many
// checkpoints of changes left behind; a damaged state is refused with a reason, never a crash.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <sstream>

#include "compiler/compiled_policy.hpp"
#include "runtime/engine.hpp"
#include "runtime/event_decoder.hpp"
#include "tests/support/checked_program.hpp"
#include "tests/support/closing_events.hpp"

namespace {

using namespace writ;

const std::string kFixtures = std::string(WRIT_TESTS_DIR) + "/fixtures/engine/";

std::vector<std::string> event_lines() {
  std::ifstream in(kFixtures + "clocks.events.jsonl");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// An engine over the clocks fixture whose decisions are collected as JSON lines.
struct Run {
  explicit Run(const compiler::CompiledPolicy& policy)
      : engine(*policy.plan, *policy.routines, policy.hash, [this](const runtime::Decision& d) {
          out.push_back(runtime::to_json(d, "") + " reads " + std::to_string(d.reads.size()));
        }),
        decoder(policy.plan->layouts, engine.strings()) {}

  void feed(const std::vector<std::string>& lines, std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
      auto decoded = decoder.decode(lines[i]);
      if (auto* event = std::get_if<runtime::DecodedEvent>(&decoded)) engine.submit(std::move(*event));
      else engine.reject(engine.clock(), "undecodable");
    }
  }

  std::vector<std::string> out;
  runtime::Engine engine;
  runtime::EventDecoder decoder;
};

std::unique_ptr<compiler::CompiledPolicy> compile(compiler::EngineKind kind, const std::string& policy = "clocks.writ") {
  auto checked = test::check_paths({kFixtures + policy});
  REQUIRE(checked->ok);
  auto compiled = compiler::compile_policy(checked->program, checked->sources, kind);
  REQUIRE(std::holds_alternative<std::unique_ptr<compiler::CompiledPolicy>>(compiled));
  return std::move(std::get<std::unique_ptr<compiler::CompiledPolicy>>(compiled));
}

}  // namespace

TEST_CASE("engine state: a restored engine goes on exactly as the original", "[runtime][snapshot]") {
  auto policy = compile(compiler::EngineKind::Interpreter);
  std::vector<std::string> lines = event_lines();
  REQUIRE(lines.size() > 30);
  for (std::size_t cut : {0, 1, 7, 20, 33, static_cast<int>(lines.size())}) {
    INFO("cut after line " << cut);
    Run whole(*policy);
    whole.feed(lines, 0, cut);
    runtime::EngineState taken = whole.engine.state();
    CHECK(whole.engine.state() == taken);  // taking it changes nothing

    Run restored(*policy);
    REQUIRE_FALSE(restored.engine.restore(taken.engine, taken.rows));
    CHECK(restored.engine.state() == taken);
    CHECK(restored.engine.clock() == whole.engine.clock());

    std::size_t before = whole.out.size();
    whole.feed(lines, cut, lines.size());
    whole.engine.advance_to(whole.engine.clock() + 7 * 24 * 3600 * 1000LL);
    restored.feed(lines, cut, lines.size());
    restored.engine.advance_to(restored.engine.clock() + 7 * 24 * 3600 * 1000LL);
    CHECK(std::vector<std::string>(whole.out.begin() + static_cast<std::ptrdiff_t>(before), whole.out.end()) ==
          restored.out);
    CHECK(restored.engine.state() == whole.engine.state());
  }
}

TEST_CASE("engine state: the rows of many checkpoints of changes restore the whole state", "[runtime][snapshot]") {
  auto policy = compile(compiler::EngineKind::Interpreter, "closing.writ");
  std::vector<std::string> lines = test::closing_events(60);
  Run run(*policy);
  // What the trail's state_rows table holds after each commit.
  std::string engine_part;
  std::map<std::string, std::string> stored;
  auto commit = [&] {
    runtime::EngineState changes = run.engine.state_changes();
    if (changes.whole) stored.clear();
    for (const runtime::StateRow& row : changes.rows) {
      if (row.value) stored[row.key] = *row.value;
      else stored.erase(row.key);
    }
    engine_part = changes.engine;
  };
  std::size_t evicted_seen = 0;
  for (std::size_t from = 0; from < lines.size(); from += 9) {
    std::size_t to = std::min(lines.size(), from + 9);
    run.feed(lines, from, to);
    commit();
    std::vector<runtime::StateRow> rows;
    for (const auto& [key, value] : stored) {
      rows.push_back(runtime::StateRow{key, value});
      if (key[0] == 'i' && value.empty()) ++evicted_seen;
    }
    INFO("after line " << to);
    Run restored(*policy);
    REQUIRE_FALSE(restored.engine.restore(engine_part, rows));
    CHECK(restored.engine.state() == run.engine.state());

    // The restored engine decides the rest as the original does, and goes on checkpointing.
    Run original(*policy);
    original.feed(lines, 0, lines.size());
    original.engine.advance_to(original.engine.clock() + 2 * 24 * 3600 * 1000LL);
    std::size_t before = run.out.size();
    restored.feed(lines, to, lines.size());
    restored.engine.advance_to(restored.engine.clock() + 2 * 24 * 3600 * 1000LL);
    CHECK(std::vector<std::string>(original.out.begin() + static_cast<std::ptrdiff_t>(before), original.out.end()) ==
          restored.out);
    CHECK(restored.engine.state() == original.engine.state());
  }
  CHECK(evicted_seen > 0);  // the stream did evict closed incidents
  CHECK(run.engine.state_changes().rows.size() < run.engine.state().rows.size());
}

TEST_CASE("engine state: a damaged or misplaced state is refused with a reason", "[runtime][snapshot]") {
  auto policy = compile(compiler::EngineKind::Interpreter);
  std::vector<std::string> lines = event_lines();
  Run run(*policy);
  run.feed(lines, 0, 25);
  runtime::EngineState state = run.engine.state();
  std::string taken = state.engine;

  SECTION("every prefix of it") {
    for (std::size_t n = 0; n < taken.size(); n += 7) {
      Run fresh(*policy);
      auto error = fresh.engine.restore(taken.substr(0, n), state.rows);
      REQUIRE(error);
      CHECK(error->find("the checkpoint's state is damaged: ") == 0);
    }
  }
  SECTION("any byte changed") {
    for (std::size_t i = 0; i < taken.size(); i += 5) {
      std::string bad = taken;
      bad[i] = static_cast<char>(bad[i] ^ 0x5a);
      Run fresh(*policy);
      fresh.engine.restore(bad, state.rows);  // may be refused or accepted as other state; must not crash
    }
  }
  SECTION("a row cut short, changed or missing") {
    for (std::size_t r = 0; r < state.rows.size(); ++r) {
      const std::string& value = *state.rows[r].value;
      for (std::size_t n = 0; n < value.size(); n += 11) {
        std::vector<runtime::StateRow> rows = state.rows;
        rows[r].value = value.substr(0, n);
        Run fresh(*policy);
        fresh.engine.restore(taken, rows);  // an empty incident row is a closed one: may be accepted
        rows[r].value = value;
        (*rows[r].value)[n] = static_cast<char>(value[n] ^ 0x5a);
        Run other(*policy);
        other.engine.restore(taken, rows);
      }
      std::vector<runtime::StateRow> rows = state.rows;
      rows.erase(rows.begin() + static_cast<std::ptrdiff_t>(r));
      Run fresh(*policy);
      if (state.rows[r].key[0] == 'c') CHECK(fresh.engine.restore(taken, rows));
    }
    std::vector<runtime::StateRow> rows = state.rows;
    rows.push_back(runtime::StateRow{"x", ""});
    Run fresh(*policy);
    CHECK(fresh.engine.restore(taken, rows) ==
          std::optional<std::string>("the checkpoint's state is damaged: a row's key is of no known kind"));
  }
  SECTION("another version") {
    // str("writ-engine-state"), then int(4): varints of zigzagged numbers, 17 as 34.
    REQUIRE(taken.substr(0, 19) == std::string("\x22writ-engine-state\x08"));
    std::string bad = taken;
    bad[18] = 10;
    Run fresh(*policy);
    CHECK(fresh.engine.restore(bad, state.rows) ==
          std::optional<std::string>("the checkpoint's state is damaged: it has version 5; this writ reads version 4"));
  }
  SECTION("a state of version 3, whose numbers were 8 bytes each") {
    std::string old = std::string(7, '\0') + "\x11writ-engine-state" + std::string(7, '\0') + "\x03" + taken.substr(19);
    // Its rows too had 8-byte numbers, which as varints would be damage of another kind.
    std::vector<runtime::StateRow> old_rows = state.rows;
    for (runtime::StateRow& row : old_rows) row.value = std::string(16, '\0');
    Run fresh(*policy);
    CHECK(fresh.engine.restore(old, old_rows) ==
          std::optional<std::string>("the checkpoint's state is damaged: it has version 3; this writ reads version 4"));
  }
  SECTION("into an engine that has applied events") {
    CHECK(run.engine.restore(taken, state.rows) ==
          std::optional<std::string>("the engine has already applied events; a snapshot restores a new engine"));
  }
}
