// The time of a rejected line on the virtual clock (docs/events.md, "The time of a
// rejection"): its own `at` when that could be read, never before the engine clock, and the
// epoch for a line without one before the first event, never the unset clock.
#include <catch2/catch.hpp>

#include "support/run_process.hpp"
#include "support/text_file.hpp"

using writ::test::run_writ;
using writ::test::TempDir;

namespace {

const std::string kPolicy = std::string(WRIT_TESTS_DIR) + "/fixtures/engine/live.writ";

// The `at` of each line of `out` that holds `kind`.
std::vector<std::string> times_of(const std::string& out, const std::string& kind) {
  std::vector<std::string> times;
  for (const std::string& line : writ::test::lines_of(out)) {
    if (line.find("\"kind\":\"" + kind + "\"") == std::string::npos) continue;
    auto at = line.find("\"at\":\"") + 6;
    times.push_back(line.substr(at, line.find('"', at) - at));
  }
  return times;
}

}  // namespace

TEST_CASE("replay: a rejected line is stamped with its own `at`, not the engine clock", "[cli][replay]") {
  TempDir dir;
  std::string events = dir.write("e.jsonl",
                                 "not json\n"
                                 R"({"type": "alert.recieved", "at": "2026-01-01T05:00:00Z", "incident": "INC-1"})"
                                 "\n"
                                 R"({"type": "alert.received", "at": "2026-01-01T06:00:00Z", "incident": "INC-1", "service": "db"})"
                                 "\n"
                                 R"({"type": "alert.recieved", "at": "2026-01-01T06:30:00Z", "incident": "INC-1"})"
                                 "\n"
                                 R"({"type": "alert.received", "at": "2026-01-01T06:40:00Z", "incident": "INC-2"})"
                                 "\n"
                                 R"({"type": "alert.recieved", "at": "2026-01-01T01:00:00Z", "incident": "INC-1"})"
                                 "\n"
                                 R"({"type": "alert.recieved", "at": "2026-01-01T06:50:00Z", "incident": "INC-1"})");
  for (const char* engine : {"jit", "interp"}) {
    auto r = run_writ({"replay", "--policy", kPolicy, "--events", events, "--engine", engine});
    INFO(engine << ": " << r.out << r.err);
    REQUIRE(r.exit_code == 0);
    // Not JSON before any event: the epoch. Unknown types and a missing field: their own
    // `at`. The line older than the clock gets the clock, 06:00: the rejections at 06:30
    // and 06:40 did not move it.
    CHECK(times_of(r.out, "rejected") ==
          std::vector<std::string>{"1970-01-01T00:00:00Z", "2026-01-01T05:00:00Z", "2026-01-01T06:30:00Z",
                                   "2026-01-01T06:40:00Z", "2026-01-01T06:00:00Z", "2026-01-01T06:50:00Z"});
    CHECK(times_of(r.out, "event") == std::vector<std::string>{"2026-01-01T06:00:00Z"});
  }
}
