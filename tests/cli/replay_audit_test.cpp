// `writ replay --audit` end to end: the trail of a run, a run killed mid-way and resumed
// (the same records as an uninterrupted run), refusals, `writ audit why`, and the same
// output and trail under both engines.
#include <catch2/catch.hpp>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "runtime/audit_store.hpp"
#include "support/child_process.hpp"
#include "support/closing_events.hpp"
#include "support/committed_offset.hpp"
#include "support/run_process.hpp"
#include "support/trail_tamper.hpp"
#include "support/text_file.hpp"

using writ::test::ChildProcess;
using writ::test::run_writ;
using writ::test::TempDir;
using writ::test::slurp;
using writ::test::lines_of;

namespace {

const std::string kPolicy = std::string(WRIT_TESTS_DIR) + "/fixtures/engine/clocks.writ";
const std::string kEvents = std::string(WRIT_TESTS_DIR) + "/fixtures/engine/clocks.events.jsonl";
const std::string kUntil = "2026-11-24T12:00:00Z";

struct Trail {
  std::vector<std::string> records;  // "seq kind target hash" per record
  std::optional<writ::runtime::AuditCheckpoint> checkpoint;
};

Trail read_trail(const std::string& path) {
  auto store = writ::runtime::AuditStore::open(path, {});
  REQUIRE(store.ok());
  Trail t;
  auto s = store.value()->for_each_record([&](const writ::runtime::AuditRecord& r) {
    t.records.push_back(std::to_string(r.seq) + " " + r.kind + " " + r.target + " " + r.hash);
    return true;
  });
  REQUIRE(s.ok());
  auto cp = store.value()->last_checkpoint();
  REQUIRE(cp.ok());
  t.checkpoint = cp.value();
  return t;
}

std::string verify_head(const std::string& trail) {
  auto r = run_writ({"audit", "verify", trail});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.out.substr(r.out.find("head: "));
}

}  // namespace

TEST_CASE("replay: --audit records every decision and the trail verifies", "[cli][replay]") {
  TempDir dir;
  std::string trail = dir.path() + "/trail.db";
  auto r = run_writ({"replay", "--policy", kPolicy, "--events", kEvents, "--until", kUntil, "--audit", trail,
                     "--batch-lines", "7"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  Trail t = read_trail(trail);
  CHECK(t.records.size() == lines_of(r.out).size());
  REQUIRE(t.checkpoint);
  CHECK(t.checkpoint->input_offset == 51);
  CHECK(t.checkpoint->input_source == kEvents);
  CHECK(t.checkpoint->seq == static_cast<std::int64_t>(t.records.size()));
  verify_head(trail);
}

TEST_CASE("replay: a run killed mid-way and resumed leaves the trail of an uninterrupted run", "[cli][replay]") {
  TempDir dir;
  std::string input = dir.path() + "/events.jsonl";
  std::string killed = dir.path() + "/killed.db";
  std::vector<std::string> events = lines_of(slurp(kEvents));
  REQUIRE(events.size() == 51);
  // The first run reads a pipe, so the test decides how far it gets before the kill.
  REQUIRE(mkfifo(input.c_str(), 0600) == 0);
  {
    ChildProcess child(WRIT_BINARY,
                       {"replay", "--policy", kPolicy, "--events", input, "--audit", killed, "--batch-lines", "5"},
                       dir.path() + "/killed.err");
    int fifo = open(input.c_str(), O_WRONLY);
    REQUIRE(fifo >= 0);
    std::string first;
    for (std::size_t i = 0; i < 23; ++i) first += events[i] + "\n";
    REQUIRE(write(fifo, first.data(), first.size()) == static_cast<ssize_t>(first.size()));
    REQUIRE(writ::test::await_commit(killed, 20) == 20);
    child.signal(SIGKILL);  // lines 21 to 23 were read and applied, but never committed
    CHECK(child.wait() == -1);
    close(fifo);
  }
  std::size_t before = read_trail(killed).records.size();
  std::remove(input.c_str());
  dir.write("events.jsonl", slurp(kEvents));

  auto resumed = run_writ({"replay", "--policy", kPolicy, "--events", input, "--until", kUntil, "--audit", killed,
                           "--resume", "--batch-lines", "5"});
  INFO(resumed.err);
  REQUIRE(resumed.exit_code == 0);
  CHECK(resumed.err.find("(resumed after line 20)") != std::string::npos);

  std::string whole = dir.path() + "/whole.db";
  auto uninterrupted = run_writ({"replay", "--policy", kPolicy, "--events", input, "--until", kUntil, "--audit", whole});
  REQUIRE(uninterrupted.exit_code == 0);

  Trail a = read_trail(killed), b = read_trail(whole);
  CHECK(a.records.size() > before);
  CHECK(a.records == b.records);
  // What the resumed run printed is exactly the uninterrupted run's output after the commit.
  std::vector<std::string> all = lines_of(uninterrupted.out);
  CHECK(std::vector<std::string>(all.begin() + static_cast<std::ptrdiff_t>(before), all.end()) ==
        lines_of(resumed.out));
  CHECK(verify_head(killed) == verify_head(whole));
}

TEST_CASE("replay: --resume after many commits with evicted incidents goes on as an uninterrupted run",
          "[cli][replay]") {
  const std::string policy = std::string(WRIT_TESTS_DIR) + "/fixtures/engine/closing.writ";
  std::vector<std::string> events = writ::test::closing_events(60);
  REQUIRE(events.size() > 180);
  auto text = [&](std::size_t lines) {
    std::string out;
    for (std::size_t i = 0; i < lines; ++i) out += events[i] + "\n";
    return out;
  };
  TempDir dir;
  std::string input = dir.write("events.jsonl", text(150));
  std::string trail = dir.path() + "/trail.db";
  REQUIRE(run_writ({"replay", "--policy", policy, "--events", input, "--audit", trail, "--batch-lines", "7"})
              .exit_code == 0);
  {
    auto store = writ::runtime::AuditStore::open(trail, {});
    REQUIRE(store.ok());
    auto rows = store.value()->state_rows();
    REQUIRE(rows.ok());
    std::size_t evicted = 0;
    for (const auto& row : rows.value()) evicted += row.key[0] == 'i' && row.value->empty();
    CHECK(evicted > 10);  // closed incidents whose timers have all popped
  }

  dir.write("events.jsonl", text(events.size()));
  auto resumed = run_writ({"replay", "--policy", policy, "--events", input, "--audit", trail, "--resume",
                           "--batch-lines", "7"});
  INFO(resumed.err);
  REQUIRE(resumed.exit_code == 0);
  CHECK(resumed.err.find("(resumed after line 150)") != std::string::npos);

  std::string whole = dir.path() + "/whole.db";
  auto uninterrupted =
      run_writ({"replay", "--policy", policy, "--events", input, "--audit", whole, "--batch-lines", "7"});
  REQUIRE(uninterrupted.exit_code == 0);
  Trail a = read_trail(trail), b = read_trail(whole);
  CHECK(a.records == b.records);
  REQUIRE(a.checkpoint);
  REQUIRE(b.checkpoint);
  CHECK(a.checkpoint->state == b.checkpoint->state);  // the engine-wide part: clock, counters, globals
  CHECK(verify_head(trail) == verify_head(whole));
}

TEST_CASE("replay: --resume refuses another policy, another input and a changed input", "[cli][replay]") {
  TempDir dir;
  std::string trail = dir.path() + "/trail.db";
  std::string input = dir.write("events.jsonl", slurp(kEvents));
  auto first = run_writ({"replay", "--policy", kPolicy, "--events", input, "--audit", trail, "--batch-lines", "10"});
  REQUIRE(first.exit_code == 0);

  auto again = run_writ({"replay", "--policy", kPolicy, "--events", input, "--audit", trail});
  CHECK(again.exit_code == 2);
  CHECK(again.err.find("pass --resume to continue that trail") != std::string::npos);

  std::string other_policy = std::string(WRIT_TESTS_DIR) + "/fixtures/engine/live.writ";
  auto policy = run_writ({"replay", "--policy", other_policy, "--events", input, "--audit", trail, "--resume"});
  CHECK(policy.exit_code == 2);
  CHECK(policy.err.find("cannot resume: the trail was written under policy") != std::string::npos);

  std::string copy = dir.write("copy.jsonl", slurp(kEvents));
  auto source = run_writ({"replay", "--policy", kPolicy, "--events", copy, "--audit", trail, "--resume"});
  CHECK(source.exit_code == 2);
  CHECK(source.err.find("continues input `" + input + "`") != std::string::npos);

  // A damaged snapshot is refused, not guessed at.
  std::string damaged = dir.path() + "/damaged.db";
  REQUIRE(run_writ({"replay", "--policy", kPolicy, "--events", input, "--audit", damaged, "--batch-lines", "10"})
              .exit_code == 0);
  writ::test::tamper(damaged, "UPDATE checkpoint SET state = substr(state, 1, 40)");
  auto cut = run_writ({"replay", "--policy", kPolicy, "--events", input, "--audit", damaged, "--resume"});
  CHECK(cut.exit_code == 1);
  CHECK(cut.err.find("cannot resume: the checkpoint's state is damaged: it ends inside") != std::string::npos);

  // Without a snapshot (a trail of an older writ) the committed lines are re-executed, so a
  // change within them is found: the re-executed prefix disagrees with the trail.
  writ::test::tamper(trail, "UPDATE checkpoint SET state = x''");
  std::string text = slurp(kEvents);
  text.replace(text.find("\"severity\": 2"), 13, "\"severity\": 3");
  dir.write("events.jsonl", text);
  auto changed = run_writ({"replay", "--policy", kPolicy, "--events", input, "--audit", trail, "--resume"});
  CHECK(changed.exit_code == 1);
  CHECK(changed.err.find("warning: the checkpoint holds no engine state; re-executing the 51 committed line(s)") !=
        std::string::npos);
  CHECK(changed.err.find("cannot resume: re-executing the committed input") != std::string::npos);

  auto alone = run_writ({"replay", "--policy", kPolicy, "--events", input, "--resume"});
  CHECK(alone.exit_code == 2);
  CHECK(alone.err == "writ replay: --resume needs --audit, the trail to continue\n");
}

TEST_CASE("replay: --resume continues from the checkpoint's state without reading the committed lines again",
          "[cli][replay]") {
  TempDir dir;
  std::vector<std::string> events = lines_of(slurp(kEvents));
  auto lines = [&](std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t i = from; i < to; ++i) out += events[i] + "\n";
    return out;
  };
  std::string input = dir.write("events.jsonl", lines(0, 20));
  std::string trail = dir.path() + "/trail.db";
  REQUIRE(run_writ({"replay", "--policy", kPolicy, "--events", input, "--audit", trail, "--batch-lines", "6"})
              .exit_code == 0);
  std::string without_state = dir.path() + "/without_state.db";
  dir.write("without_state.db", dir.read("trail.db"));
  writ::test::tamper(without_state, "UPDATE checkpoint SET state = x''");

  // The committed lines are now garbage: re-executing them could not rebuild the state.
  std::string garbage;
  for (std::size_t i = 0; i < 20; ++i) garbage += "not an event\n";
  dir.write("events.jsonl", garbage + lines(20, events.size()));
  auto resumed = run_writ({"replay", "--policy", kPolicy, "--events", input, "--until", kUntil, "--audit", trail,
                           "--resume", "--batch-lines", "6"});
  INFO(resumed.err);
  REQUIRE(resumed.exit_code == 0);
  CHECK(resumed.err.find("(resumed after line 20)") != std::string::npos);
  auto refused = run_writ({"replay", "--policy", kPolicy, "--events", input, "--audit", without_state, "--resume"});
  CHECK(refused.exit_code == 1);

  std::string whole = dir.path() + "/whole.db";
  dir.write("events.jsonl", slurp(kEvents));
  REQUIRE(run_writ({"replay", "--policy", kPolicy, "--events", input, "--until", kUntil, "--audit", whole})
              .exit_code == 0);
  CHECK(read_trail(trail).records == read_trail(whole).records);
  CHECK(verify_head(trail) == verify_head(whole));
}

TEST_CASE("replay: the same output and trail under the JIT and the interpreter", "[cli][replay]") {
  TempDir dir;
  std::string jit = dir.path() + "/jit.db", interp = dir.path() + "/interp.db";
  auto a = run_writ({"replay", "--policy", kPolicy, "--events", kEvents, "--until", kUntil, "--engine", "jit",
                     "--audit", jit, "--batch-lines", "9"});
  auto b = run_writ({"replay", "--policy", kPolicy, "--events", kEvents, "--until", kUntil, "--engine", "interp",
                     "--audit", interp, "--batch-lines", "9"});
  INFO(a.err << b.err);
  REQUIRE(a.exit_code == 0);
  REQUIRE(b.exit_code == 0);
  CHECK(a.err.find("engine jit") != std::string::npos);
  CHECK(b.err.find("engine interp") != std::string::npos);
  CHECK(a.out == b.out);
  CHECK(lines_of(a.out).size() > 100);
  CHECK(verify_head(jit) == verify_head(interp));
}

TEST_CASE("audit why: the decisions of an incident's constructs, in order", "[cli][replay]") {
  TempDir dir;
  std::string trail = dir.path() + "/trail.db";
  REQUIRE(run_writ({"replay", "--policy", kPolicy, "--events", kEvents, "--until", kUntil, "--audit", trail})
              .exit_code == 0);
  auto why = run_writ({"audit", "why", trail, "--incident", "INC-1"});
  INFO(why.err);
  REQUIRE(why.exit_code == 0);
  std::vector<std::string> lines = lines_of(why.out);
  REQUIRE(!lines.empty());
  for (const std::string& line : lines) {
    CHECK(line.find("): ") != std::string::npos);
    CHECK(line.find("): event") == std::string::npos);  // input events have no construct
  }
  CHECK(why.out.find("sla triage (") != std::string::npos);
  auto none = run_writ({"audit", "why", trail, "--incident", "INC-404"});
  CHECK(none.exit_code == 1);
}
