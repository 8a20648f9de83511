// Engine snapshots (docs/audit.md, "The checkpoint's state"): a restored engine is the
// engine it was taken from (it snapshots to the same bytes and decides the rest of a stream
// the same way), and a damaged snapshot is refused with a reason, never a crash.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "compiler/compiled_policy.hpp"
#include "runtime/engine.hpp"
#include "runtime/event_decoder.hpp"
#include "tests/support/checked_program.hpp"

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

std::unique_ptr<compiler::CompiledPolicy> compile(compiler::EngineKind kind) {
  auto checked = test::check_paths({kFixtures + "clocks.writ"});
  REQUIRE(checked->ok);
  auto compiled = compiler::compile_policy(checked->program, checked->sources, kind);
  REQUIRE(std::holds_alternative<std::unique_ptr<compiler::CompiledPolicy>>(compiled));
  return std::move(std::get<std::unique_ptr<compiler::CompiledPolicy>>(compiled));
}

}  // namespace

TEST_CASE("engine snapshot: a restored engine goes on exactly as the original", "[runtime][snapshot]") {
  auto policy = compile(compiler::EngineKind::Interpreter);
  std::vector<std::string> lines = event_lines();
  REQUIRE(lines.size() > 30);
  for (std::size_t cut : {0, 1, 7, 20, 33, static_cast<int>(lines.size())}) {
    INFO("cut after line " << cut);
    Run whole(*policy);
    whole.feed(lines, 0, cut);
    std::string taken = whole.engine.snapshot();
    CHECK(whole.engine.snapshot() == taken);  // taking it changes nothing

    Run restored(*policy);
    REQUIRE_FALSE(restored.engine.restore(taken));
    CHECK(restored.engine.snapshot() == taken);
    CHECK(restored.engine.clock() == whole.engine.clock());

    std::size_t before = whole.out.size();
    whole.feed(lines, cut, lines.size());
    whole.engine.advance_to(whole.engine.clock() + 7 * 24 * 3600 * 1000LL);
    restored.feed(lines, cut, lines.size());
    restored.engine.advance_to(restored.engine.clock() + 7 * 24 * 3600 * 1000LL);
    CHECK(std::vector<std::string>(whole.out.begin() + static_cast<std::ptrdiff_t>(before), whole.out.end()) ==
          restored.out);
    CHECK(restored.engine.snapshot() == whole.engine.snapshot());
  }
}

TEST_CASE("engine snapshot: a damaged or misplaced snapshot is refused with a reason", "[runtime][snapshot]") {
  auto policy = compile(compiler::EngineKind::Interpreter);
  std::vector<std::string> lines = event_lines();
  Run run(*policy);
  run.feed(lines, 0, 25);
  std::string taken = run.engine.snapshot();

  SECTION("every prefix of it") {
    for (std::size_t n = 0; n < taken.size(); n += 7) {
      Run fresh(*policy);
      auto error = fresh.engine.restore(taken.substr(0, n));
      REQUIRE(error);
      CHECK(error->find("the checkpoint's state is damaged: ") == 0);
    }
  }
  SECTION("any byte changed") {
    for (std::size_t i = 0; i < taken.size(); i += 5) {
      std::string bad = taken;
      bad[i] = static_cast<char>(bad[i] ^ 0x5a);
      Run fresh(*policy);
      fresh.engine.restore(bad);  // may be refused or accepted as other state; must not crash
    }
  }
  SECTION("another version") {
    std::string bad = taken;
    bad[8 + 17 + 7] = 3;
    Run fresh(*policy);
    CHECK(fresh.engine.restore(bad) ==
          std::optional<std::string>("the checkpoint's state is damaged: it has version 3; this writ reads version 2"));
  }
  SECTION("into an engine that has applied events") {
    CHECK(run.engine.restore(taken) ==
          std::optional<std::string>("the engine has already applied events; a snapshot restores a new engine"));
  }
}
