// `writ run` end to end: live mode on stdin, with the wall clock firing timers while no
// input comes, and a clean stop on SIGTERM that commits the audit trail.
#include <catch2/catch.hpp>

#include <chrono>

#include "support/child_process.hpp"
#include "support/run_process.hpp"

using writ::test::ChildProcess;
using writ::test::run_writ;
using writ::test::TempDir;

namespace {

const std::string kLive = std::string(WRIT_TESTS_DIR) + "/fixtures/engine/live.writ";

}  // namespace

TEST_CASE("run: a timer fires on the wall clock while no input comes, and SIGTERM stops cleanly", "[cli][run]") {
  TempDir dir;
  std::string trail = dir.path() + "/live.db";
  ChildProcess child(WRIT_BINARY, {"run", "--policy", kLive, "--audit", trail}, dir.path() + "/err");
  auto started = std::chrono::steady_clock::now();
  child.write_stdin(R"({"type": "alert.received", "at": "2026-01-01T00:00:00Z", "incident": "INC-1", "service": "db"})"
                    "\n");
  // The SLA is 1 s from the event's arrival; startup (compiling the policy) may delay that
  // on a loaded machine, hence a generous bound rather than a fixed wait.
  std::string out = child.read_stdout(6000, "no acknowledgement for db");
  auto breached = std::chrono::steady_clock::now();
  INFO(out << dir.read("err"));
  CHECK(out.find(R"("kind":"event")") != std::string::npos);
  CHECK(out.find(R"("kind":"breach","incident":"INC-1","source":{"construct":"sla","name":"acknowledge")") !=
        std::string::npos);
  CHECK(out.find("no acknowledgement for db") != std::string::npos);
  child.signal(SIGTERM);
  CHECK(child.wait() == 0);
  CHECK(breached - started >= std::chrono::seconds(1));
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(8));
  CHECK(dir.read("err").find("stopped by a signal") != std::string::npos);

  auto verify = run_writ({"audit", "verify", trail});
  INFO(verify.err);
  CHECK(verify.exit_code == 0);
  auto timeline = run_writ({"audit", "timeline", trail, "INC-1"});
  CHECK(timeline.out.find("breach sla acknowledge") != std::string::npos);
}

TEST_CASE("run: a bad line is rejected and the run goes on to the end of stdin", "[cli][run]") {
  auto r = run_writ({"run", "--policy", kLive},
                    "not json\n"
                    R"({"type": "alert.received", "at": "2026-01-01T00:00:00Z", "incident": "INC-2", "service": "db"})");
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find(R"("kind":"rejected")") != std::string::npos);
  CHECK(r.out.find("stdin:1: ") != std::string::npos);
  CHECK(r.out.find(R"("kind":"event","incident":"INC-2")") != std::string::npos);
}
