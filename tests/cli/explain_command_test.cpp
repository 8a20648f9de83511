// `writ explain` end to end: the listing and JSON on stdout, exit codes, diagnostics for a
// policy set with errors and for what the compiler cannot compile, usage errors.
#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>
#include <sstream>

#include "support/run_process.hpp"

using writ::test::run_writ;
using writ::test::TempDir;

namespace {

const std::string kFixtures = std::string(WRIT_SOURCE_DIR) + "/tests/fixtures/language";

// The 64 hex digits after `prefix`, or "" when they are not there.
std::string hash_after(const std::string& text, const std::string& prefix) {
  std::smatch m;
  std::regex pattern(prefix + "([0-9a-f]{64})");
  return std::regex_search(text, m, pattern) ? m[1].str() : std::string();
}

}  // namespace

TEST_CASE("explain: the LANGUAGE.md examples give a listing with every part", "[cli]") {
  auto r = run_writ({"explain", kFixtures});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind("writ explain\npolicy hash: ", 0) == 0);
  CHECK_FALSE(hash_after(r.out, "policy hash: ").empty());
  for (const char* part : {"\nModules, in load order", "\nDeclarations\n", "\nEvaluation order by event type\n",
                           "\nTimers\n", "  event change.requested global {", "3.1 freeze post_major:"}) {
    CAPTURE(part);
    CHECK(r.out.find(part) != std::string::npos);
  }
  CHECK(r.err.empty());
}

TEST_CASE("explain: two runs print the same bytes, and JSON names the same hash", "[cli]") {
  auto first = run_writ({"explain", kFixtures});
  auto second = run_writ({"explain", kFixtures});
  CHECK(first.out == second.out);
  auto json = run_writ({"explain", "--emit=json", kFixtures});
  REQUIRE(json.exit_code == 0);
  CHECK(json.out.rfind("{\"policy_hash\":\"", 0) == 0);
  CHECK(hash_after(json.out, "\\{\"policy_hash\":\"") == hash_after(first.out, "policy hash: "));
  CHECK(run_writ({"explain", "--emit=json", kFixtures}).out == json.out);
}

TEST_CASE("explain: the hash does not depend on layout, and changes with meaning", "[cli]") {
  TempDir dir;
  std::string a = dir.write("a/p.writ", "policy p\nevent x.happened {}\nrule r on x.happened { notify \"a\" }\n");
  std::string b = dir.write("b/p.writ", "policy   p\nevent x.happened {   }\nrule r on x.happened {\n    notify    \"a\"\n}\n");
  std::string c = dir.write("c/p.writ", "policy p\nevent x.happened {}\nrule r on x.happened { notify \"b\" }\n");
  auto hash = [](const std::string& path) { return hash_after(run_writ({"explain", path}).out, "policy hash: "); };
  CHECK_FALSE(hash(a).empty());
  CHECK(hash(a) == hash(b));
  CHECK(hash(a) != hash(c));
}

// The modules of the listing's `Modules` part as `PATH NAME` lines, in load order.
std::string modules_of(const std::string& listing) {
  std::istringstream in(listing.substr(listing.find("\nModules, in load order")));
  std::string line, out;
  std::getline(in, line);
  std::getline(in, line);
  for (; std::getline(in, line) && !line.empty();) {
    if (line.rfind("  ", 0) != 0 || line[2] == ' ' || line[2] == '@') continue;
    std::string module = line.substr(2);
    auto policy = module.find(": policy ");
    if (policy == std::string::npos) {
      out += module.substr(0, module.find(" (no policy header)")) + "\n";
    } else {
      std::string name = module.substr(policy + 9);
      out += module.substr(0, policy) + " " + name.substr(0, name.find(' ')) + "\n";
    }
  }
  return out;
}

TEST_CASE("explain: the policy hash is what docs/explain.md says it is", "[cli]") {
  auto r = run_writ({"explain", kFixtures});
  REQUIRE(r.exit_code == 0);
  std::string modules = modules_of(r.out);
  CHECK(std::count(modules.begin(), modules.end(), '\n') == 4);
  TempDir dir;
  // The recipe of docs/explain.md, with the binary under test and a folder of our own.
  std::string script =
      "policy_hash() {\n"
      "  printf 'writ-policy-v1\\n'\n"
      "  while read -r file name; do\n"
      "    \"$WRIT\" fmt --stdout \"$file\" > \"$TMP/writ-module\"\n"
      "    printf 'module %s %s\\n' \"$name\" \"$(wc -c < \"$TMP/writ-module\" | tr -d ' ')\"\n"
      "    cat \"$TMP/writ-module\"\n"
      "  done\n"
      "}\n"
      "printf '%s' \"$MODULES\" | policy_hash | sha256sum\n";
  auto recomputed = writ::test::run_process(
      "/usr/bin/env", {"WRIT=" WRIT_BINARY, "TMP=" + dir.path(), "MODULES=" + modules, "/bin/sh", "-c", script});
  INFO(recomputed.err);
  CHECK(recomputed.out.substr(0, 64) == hash_after(r.out, "policy hash: "));
}

TEST_CASE("explain: a policy set with errors prints its diagnostics and exits 1", "[cli]") {
  TempDir dir;
  std::string path = dir.write("bad.writ", "policy p\nconst a = 1\nconst b = a + c\n");
  auto r = run_writ({"explain", path});
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find(path + ":3:15: error[E0301]:") != std::string::npos);
  CHECK(r.err.find("nothing to explain") != std::string::npos);
}

TEST_CASE("explain: what the compiler cannot compile is a located error, not a crash", "[cli]") {
  TempDir dir;
  std::string path = dir.write("window.writ",
                               "policy p\n"
                               "event alert.received { service: string, window: duration }\n"
                               "correlate alert.received by event.service within event.window\n");
  auto r = run_writ({"explain", path});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find(path + ":3:1: error: a correlation window must be a constant duration\n") != std::string::npos);
  CHECK(r.err.find("3 | correlate alert.received") != std::string::npos);
}

TEST_CASE("explain: bad input ends in diagnostics, not a crash", "[cli]") {
  TempDir dir;
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage += static_cast<char>((i * 7919) % 256);
  auto r = run_writ({"explain", dir.write("garbage.writ", garbage)});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("error[") != std::string::npos);
  auto empty = run_writ({"explain", dir.write("empty.writ", "")});
  CHECK(empty.exit_code == 0);
  CHECK(empty.out.find("Evaluation order by event type\n  (none)\n") != std::string::npos);
}

TEST_CASE("explain: usage errors exit 2, --help exits 0", "[cli]") {
  CHECK(run_writ({"explain"}).exit_code == 2);
  CHECK(run_writ({"explain", "/nonexistent/policy.writ"}).exit_code == 2);
  CHECK(run_writ({"explain", "--emit=xml", kFixtures}).exit_code == 2);
  auto help = run_writ({"explain", "--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("--emit") != std::string::npos);
}

TEST_CASE("explain: --emit=llvm prints the optimised routines, the same bytes on two runs", "[cli]") {
  auto r = run_writ({"explain", "--emit=llvm", kFixtures});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("; policy hash: ") == 0);
  CHECK(r.out.find("define void @") != std::string::npos);
  CHECK(r.out.find("apply_incident_updated") != std::string::npos);
  CHECK(run_writ({"explain", "--emit=llvm", kFixtures}).out == r.out);
}
