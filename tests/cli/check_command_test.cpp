// `writ check` end to end: exit codes, diagnostics on stderr, JSON on stdout, staleness.
#include <catch2/catch.hpp>

#include "support/run_process.hpp"

using writ::test::run_writ;
using writ::test::TempDir;

namespace {

const std::string kFixtures = std::string(WRIT_SOURCE_DIR) + "/tests/fixtures/language";

const char* kClean = R"(policy p version "1"
event alert.received { service: string, severity: int }
state { hits: int = 0 }
rule count on alert.received when event.severity <= 2 {
  set hits = state.hits + 1
}
)";

}  // namespace

TEST_CASE("check: the LANGUAGE.md examples check clean as one policy set", "[cli]") {
  auto r = run_writ({"check", kFixtures});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("0 error(s), 0 warning(s)") != std::string::npos);
}

TEST_CASE("check: the shipped policies and stdlib check clean", "[cli]") {
  auto policies = run_writ({"check", std::string(WRIT_SOURCE_DIR) + "/policies"});
  INFO(policies.err);
  CHECK(policies.exit_code == 0);
  CHECK(policies.err.find(" 0 error(s), 0 warning(s)") != std::string::npos);
  for (const char* module : {"itil", "calendars", "events"}) {
    auto r = run_writ({"check", std::string(WRIT_SOURCE_DIR) + "/stdlib/" + module + ".writ"});
    INFO(module << ": " << r.err);
    CHECK(r.exit_code == 0);
  }
}

TEST_CASE("check: errors exit 1 with file:line:col, code, source line and caret", "[cli]") {
  TempDir dir;
  std::string path = dir.write("bad.writ", "policy p\nconst a = 1\nconst b = a + c\n");
  auto r = run_writ({"check", path});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find(path + ":3:15: error[E0301]:") != std::string::npos);
  CHECK(r.err.find("3 | const b = a + c\n") != std::string::npos);
  CHECK(r.err.find("  |               ^\n") != std::string::npos);
}

TEST_CASE("check: several errors are reported in one run", "[cli]") {
  TempDir dir;
  std::string path = dir.write("bad.writ",
                               "policy p\n"
                               "const a = 1 +\n"
                               "enum T { A, B }\n"
                               "const b = =\n"
                               "const c = 3\n"
                               "rule r on = {}\n");
  auto r = run_writ({"check", path});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find(path + ":3:1: error[E0100]") != std::string::npos);
  CHECK(r.err.find(path + ":4:11: error[E0100]") != std::string::npos);
  CHECK(r.err.find(path + ":6:11: error[E0100]") != std::string::npos);
  CHECK(r.err.find("3 error(s)") != std::string::npos);
}

TEST_CASE("check: --format=json prints the diagnostics as JSON on stdout", "[cli]") {
  TempDir dir;
  std::string path = dir.write("bad.writ", "policy p\nconst a = b\n");
  auto r = run_writ({"check", "--format=json", path});
  CHECK(r.exit_code == 1);
  CHECK(r.out.rfind(R"({"diagnostics":[{"severity":"error","code":"E0301",)", 0) == 0);
  CHECK(r.out.find(R"("line":2,"column":11,)") != std::string::npos);
  CHECK(r.out.find(R"("errors":1,"warnings":0})") != std::string::npos);
}

TEST_CASE("check: usage errors exit 2", "[cli]") {
  CHECK(run_writ({"check"}).exit_code == 2);
  CHECK(run_writ({"check", "/nonexistent/policy.writ"}).exit_code == 2);
  CHECK(run_writ({"check", "--format=xml", kFixtures}).exit_code == 2);
  CHECK(run_writ({"check", "--stale", "soon", kFixtures}).exit_code == 2);
  CHECK(run_writ({"check", "--today", "2026-13-01", kFixtures}).exit_code == 2);
  CHECK(run_writ({"frobnicate"}).exit_code == 2);
  CHECK(run_writ({}).exit_code == 2);
}

TEST_CASE("check: --help exits 0 and names the subcommands", "[cli]") {
  auto r = run_writ({"--help"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("check") != std::string::npos);
  CHECK(r.out.find("fmt") != std::string::npos);
  CHECK(run_writ({"check", "--help"}).exit_code == 0);
  CHECK(run_writ({"fmt", "--help"}).exit_code == 0);
}

TEST_CASE("check: --stale warns on old @reviewed dates but still exits 0", "[cli]") {
  TempDir dir;
  std::string path = dir.write("old.writ",
                               "@reviewed(\"2025-01-10\")\npolicy p\n\n@reviewed(\"2026-06-01\")\nconst a = 1\n");
  auto fresh = run_writ({"check", "--stale", "365d", "--today", "2026-01-01", path});
  CHECK(fresh.exit_code == 0);
  CHECK(fresh.err.find("W0509") == std::string::npos);
  auto stale = run_writ({"check", "--stale", "365d", "--today", "2026-06-01", path});
  CHECK(stale.exit_code == 0);
  CHECK(stale.err.find(path + ":1:1: warning[W0509]") != std::string::npos);
  CHECK(stale.err.find(path + ":4:1: warning[W0509]") == std::string::npos);
  CHECK(stale.err.find("1 warning(s)") != std::string::npos);
}

TEST_CASE("check: a folder is one policy set, and a clean file alone exits 0", "[cli]") {
  TempDir dir;
  dir.write("set/a.writ", "policy a\nconst limit = 3\n");
  dir.write("set/nested/b.writ", "policy b\nconst twice = limit * 2\n");
  CHECK(run_writ({"check", dir.path() + "/set"}).exit_code == 0);
  CHECK(run_writ({"check", dir.path() + "/set/nested/b.writ"}).exit_code == 1);
  CHECK(run_writ({"check", dir.write("ok.writ", kClean)}).exit_code == 0);
}

TEST_CASE("check: imports resolve beside the file and in the stdlib, and cycles are reported", "[cli]") {
  TempDir dir;
  dir.write("lib.writ", "policy lib\nconst limit = 3\n");
  std::string user = dir.write("user.writ",
                               "policy user\nimport \"lib.writ\"\nimport \"stdlib/itil.writ\"\n"
                               "const twice = lib.limit * 2\n");
  auto ok = run_writ({"check", user});
  INFO(ok.err);
  CHECK(ok.exit_code == 0);
  dir.write("x.writ", "policy x\nimport \"y.writ\"\n");
  dir.write("y.writ", "policy y\nimport \"x.writ\"\n");
  auto cycle = run_writ({"check", dir.path() + "/x.writ"});
  CHECK(cycle.exit_code == 1);
  CHECK(cycle.err.find("error[E0201]") != std::string::npos);
  auto missing = run_writ({"check", dir.write("m.writ", "policy m\nimport \"nowhere.writ\"\n")});
  CHECK(missing.exit_code == 1);
  // At the path string, not the `import` keyword.
  CHECK(missing.err.find("m.writ:2:8: error[E0200]") != std::string::npos);
  CHECK(missing.err.find("2 | import \"nowhere.writ\"\n  |        ^^^^^^^^^^^^^^\n") != std::string::npos);
}

TEST_CASE("check: binary garbage ends in diagnostics, not a crash", "[cli]") {
  TempDir dir;
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage += static_cast<char>((i * 7919) % 256);
  auto r = run_writ({"check", dir.write("garbage.writ", garbage)});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("error[") != std::string::npos);
}

TEST_CASE("check: --max-errors shows that many errors and counts the rest", "[cli]") {
  TempDir dir;
  std::string text = "policy p\n";
  for (int i = 1; i <= 10; ++i) text += "const c" + std::to_string(i) + " = unknown" + std::to_string(i) + "\n";
  std::string path = dir.write("ten.writ", text);
  auto r = run_writ({"check", "--max-errors", "3", path});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  std::size_t shown = 0;
  for (std::size_t at = r.err.find("error[E0301]"); at != std::string::npos; at = r.err.find("error[E0301]", at + 1)) {
    ++shown;
  }
  CHECK(shown == 3);
  CHECK(r.err.find(path + ":2:12: error[E0301]") != std::string::npos);
  CHECK(r.err.find(path + ":4:12: error[E0301]") != std::string::npos);
  CHECK(r.err.find(path + ":5:12: error[E0301]") == std::string::npos);
  CHECK(r.err.find("note: 7 more error(s) not shown (limit reached)\n") != std::string::npos);
  CHECK(r.err.find("10 error(s)") != std::string::npos);
}
