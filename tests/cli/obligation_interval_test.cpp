// A recurring duty whose `every` interval evaluates to zero or less (docs/semantics.md,
// "Recurring duties need a positive interval") is refused with a decision each time it
// would be armed, instead of firing its timer at one instant forever; once the interval is
// positive the duty runs. Both engines decide alike.
#include <catch2/catch.hpp>

#include <chrono>

#include "support/child_process.hpp"
#include "support/run_process.hpp"
#include "support/text_file.hpp"

using writ::test::ChildProcess;
using writ::test::TempDir;

namespace {

const char* const kPolicy = R"(policy recurring_interval

event duty.set { gap: duration }
event status.updated {}

state {
  active: bool = false
  gap: duration = 0s
}

rule arm on duty.set {
  set gap = event.gap
  set active = true
}

obligation status {
  while state.active
  require status.updated every state.gap - 10m
  violation { notify "comms" }
}
)";

const char* const kEvents =
    R"({"type": "duty.set", "at": "2026-11-02T09:00:00Z", "incident": "INC-1", "gap": "5m"})"
    "\n"
    R"({"type": "status.updated", "at": "2026-11-02T09:10:00Z", "incident": "INC-1"})"
    "\n"
    R"({"type": "duty.set", "at": "2026-11-02T09:20:00Z", "incident": "INC-1", "gap": "30m"})"
    "\n";

int count(const std::vector<std::string>& lines, const std::string& text) {
  int n = 0;
  for (const auto& line : lines) n += line.find(text) != std::string::npos;
  return n;
}

// The replay's output. A replay that has not ended its output after 20 s (a duty firing
// forever) fails the test, and the child is killed, rather than hanging it.
std::string replay(const TempDir& dir, const std::string& engine) {
  ChildProcess child(WRIT_BINARY,
                     {"replay", "--policy", dir.path() + "/p.writ", "--events", dir.path() + "/e.jsonl", "--until",
                      "2026-11-02T10:10:00Z", "--engine", engine},
                     dir.path() + "/err");
  child.close_stdin();
  auto started = std::chrono::steady_clock::now();
  std::string out = child.read_stdout(20000);
  REQUIRE(std::chrono::steady_clock::now() - started < std::chrono::seconds(20));
  INFO(dir.read("err"));
  REQUIRE(child.wait() == 0);
  return out;
}

}  // namespace

TEST_CASE("obligation: an `every` interval of zero or less is refused, not fired forever", "[cli][replay]") {
  TempDir dir;
  dir.write("p.writ", kPolicy);
  dir.write("e.jsonl", kEvents);
  std::string jit = replay(dir, "jit");
  CHECK(jit == replay(dir, "interp"));
  auto lines = writ::test::lines_of(jit);
  INFO(jit);
  CHECK(count(lines, "\"kind\":\"obligation.refused\"") == 2);
  CHECK(count(lines, "\"at\":\"2026-11-02T09:10:00Z\",\"kind\":\"obligation.refused\",\"incident\":\"INC-1\"") == 1);
  CHECK(count(lines, "\"outcome\":\"refused\",\"target\":\"status.updated\",\"reason\":\"its `every` interval is "
                     "-5m; a recurring duty needs one longer than zero\"") == 2);
  CHECK(count(lines, "\"at\":\"2026-11-02T09:20:00Z\",\"kind\":\"obligation.started\"") == 1);
  CHECK(count(lines, "\"kind\":\"violation\"") == 2);
  CHECK(count(lines, "\"at\":\"2026-11-02T09:40:00Z\",\"kind\":\"violation\"") == 1);
  CHECK(count(lines, "\"at\":\"2026-11-02T10:00:00Z\",\"kind\":\"violation\"") == 1);
}
