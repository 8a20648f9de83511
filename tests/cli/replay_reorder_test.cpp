// `writ replay --reorder-window D` end to end: a shuffled feed gives the sorted feed's
// decisions (timers firing between the released events), an event beyond the window is
// rejected with its reason, a bad window is a usage error, and a buffered run killed and
// resumed leaves the trail of an uninterrupted one.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <chrono>
#include <sstream>
#include <thread>

#include "runtime/audit_store.hpp"
#include "support/child_process.hpp"
#include "support/run_process.hpp"

using writ::test::ChildProcess;
using writ::test::run_writ;
using writ::test::TempDir;

namespace {

const std::string kPolicy = std::string(WRIT_TESTS_DIR) + "/fixtures/engine/clocks.writ";
const std::string kUntil = "2026-11-23T12:00:00Z";

// In time order: an SLA whose warnings and breach fall due between later events, and a
// ladder started by an emitted event.
const std::vector<std::string> kSorted = {
    R"({"type":"alert.received","at":"2026-11-23T09:00:00Z","incident":"INC-1","service":"db","severity":2})",
    R"({"type":"alert.received","at":"2026-11-23T09:02:00Z","incident":"INC-2","service":"web","severity":1})",
    R"({"type":"vendor.engaged","at":"2026-11-23T09:04:00Z","incident":"INC-2","vendor":"acme"})",
    R"({"type":"triage.assessed","at":"2026-11-23T09:06:00Z","incident":"INC-2"})",
    R"({"type":"incident.acknowledged","at":"2026-11-23T09:09:00Z","incident":"INC-2"})",
    R"({"type":"triage.assessed","at":"2026-11-23T09:12:00Z","incident":"INC-1"})",
    R"({"type":"incident.resolved","at":"2026-11-23T09:20:00Z","incident":"INC-1"})",
};

std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

std::vector<std::string> records_of(const std::string& path) {
  auto store = writ::runtime::AuditStore::open(path, {});
  REQUIRE(store.ok());
  std::vector<std::string> records;
  auto s = store.value()->for_each_record([&](const writ::runtime::AuditRecord& r) {
    records.push_back(std::to_string(r.seq) + " " + r.kind + " " + r.target + " " + r.hash);
    return true;
  });
  REQUIRE(s.ok());
  return records;
}

std::int64_t committed_offset(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return -1;
  auto store = writ::runtime::AuditStore::open(path, {});
  if (!store.ok()) return -1;
  auto cp = store.value()->last_checkpoint();
  return cp.ok() && cp.value() ? cp.value()->input_offset : -1;
}

}  // namespace

TEST_CASE("replay: --reorder-window sorts a shuffled feed into the sorted feed's decisions", "[cli][replay]") {
  TempDir dir;
  std::string sorted = dir.write("sorted.jsonl", join(kSorted));
  std::vector<std::string> shuffled = {kSorted[1], kSorted[0], kSorted[3], kSorted[2],
                                       kSorted[5], kSorted[4], kSorted[6]};
  std::string late = dir.write("shuffled.jsonl", join(shuffled));
  auto expected = run_writ({"replay", "--policy", kPolicy, "--events", sorted, "--until", kUntil});
  REQUIRE(expected.exit_code == 0);
  for (const char* engine : {"jit", "interp"}) {
    auto r = run_writ({"replay", "--policy", kPolicy, "--events", late, "--until", kUntil,
                       "--reorder-window", "5m", "--engine", engine});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out == expected.out);
  }
  // Timers fired between the released events: the triage warning of INC-1 (50% of 15m).
  CHECK(expected.out.find(R"("at":"2026-11-23T09:07:30Z","kind":"warn")") != std::string::npos);
  // Without the window the same feed loses its late events.
  auto plain = run_writ({"replay", "--policy", kPolicy, "--events", late});
  CHECK(plain.out.find("is older than the engine clock") != std::string::npos);
}

TEST_CASE("replay: an event further behind than the reorder window is rejected with the reason", "[cli][replay]") {
  TempDir dir;
  std::vector<std::string> feed = {kSorted[0], kSorted[6], kSorted[1]};  // 09:02 after 09:20
  std::string events = dir.write("events.jsonl", join(feed));
  auto r = run_writ({"replay", "--policy", kPolicy, "--events", events, "--reorder-window", "10m"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find(R"("kind":"rejected")") != std::string::npos);
  CHECK(r.out.find(events + ":3: `at` 2026-11-23T09:02:00Z is more than the reorder window (10m) behind the newest "
                            "event (2026-11-23T09:20:00Z)") != std::string::npos);
  CHECK(r.err.find("1 rejected") != std::string::npos);
  // The same input, the same output.
  CHECK(run_writ({"replay", "--policy", kPolicy, "--events", events, "--reorder-window", "10m"}).out == r.out);
}

TEST_CASE("replay: --reorder-window takes a duration", "[cli][replay]") {
  TempDir dir;
  std::string events = dir.write("events.jsonl", join(kSorted));
  auto r = run_writ({"replay", "--policy", kPolicy, "--events", events, "--reorder-window", "five minutes"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "writ replay: --reorder-window expects a duration such as 30s or 5m, not `five minutes`\n");
}

TEST_CASE("replay: with a reorder window, a run killed at any line resumes to the uninterrupted trail",
          "[cli][replay]") {
  TempDir dir;
  std::vector<std::string> shuffled = {kSorted[1], kSorted[0], kSorted[3], kSorted[2],
                                       kSorted[5], kSorted[4], kSorted[6]};
  std::string whole = dir.path() + "/whole.db";
  std::string events = dir.write("all.jsonl", join(shuffled));
  auto uninterrupted = run_writ({"replay", "--policy", kPolicy, "--events", events, "--until", kUntil,
                                 "--reorder-window", "5m", "--audit", whole});
  REQUIRE(uninterrupted.exit_code == 0);
  std::vector<std::string> expected = records_of(whole);
  // A complete trail resumes to itself: its last commit came after the final release.
  auto again = run_writ({"replay", "--policy", kPolicy, "--events", events, "--until", kUntil, "--reorder-window",
                         "5m", "--audit", whole, "--resume"});
  INFO(again.err);
  CHECK(again.exit_code == 0);
  CHECK(again.out.empty());
  CHECK(records_of(whole) == expected);

  for (std::size_t k = 1; k <= shuffled.size(); ++k) {
    INFO("killed after the commit of line " << k);
    std::string input = dir.path() + "/events" + std::to_string(k) + ".jsonl";
    std::string trail = dir.path() + "/trail" + std::to_string(k) + ".db";
    // The run reads a pipe that gives it k lines, commits after each (events still held),
    // and is killed while it waits for more.
    REQUIRE(mkfifo(input.c_str(), 0600) == 0);
    {
      ChildProcess child(WRIT_BINARY,
                         {"replay", "--policy", kPolicy, "--events", input, "--reorder-window", "5m", "--audit",
                          trail, "--batch-lines", "1"},
                         dir.path() + "/killed.err");
      int fifo = open(input.c_str(), O_WRONLY);
      REQUIRE(fifo >= 0);
      std::string first = join({shuffled.begin(), shuffled.begin() + static_cast<std::ptrdiff_t>(k)});
      REQUIRE(write(fifo, first.data(), first.size()) == static_cast<ssize_t>(first.size()));
      auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
      while (committed_offset(trail) < static_cast<std::int64_t>(k) && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      REQUIRE(committed_offset(trail) == static_cast<std::int64_t>(k));
      child.signal(SIGKILL);
      CHECK(child.wait() == -1);
      close(fifo);
    }
    std::remove(input.c_str());
    dir.write("events" + std::to_string(k) + ".jsonl", join(shuffled));
    auto resumed = run_writ({"replay", "--policy", kPolicy, "--events", input, "--until", kUntil,
                             "--reorder-window", "5m", "--audit", trail, "--resume"});
    INFO(resumed.err);
    REQUIRE(resumed.exit_code == 0);
    CHECK(records_of(trail) == expected);
  }
}
