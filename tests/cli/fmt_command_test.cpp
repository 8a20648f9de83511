// `writ fmt` end to end: rewriting, --check, --stdout, and refusing files that do not parse.
#include <catch2/catch.hpp>

#include "support/run_process.hpp"

using writ::test::run_writ;
using writ::test::TempDir;

namespace {

const char* kMessy =
    "policy   p version \"1\"\n"
    "// the alert schema\n"
    "event alert.received {service: string,severity:int}\n"
    "rule r on alert.received when (event.severity<=2) { notify \"x\" }   // keep me\n";

}  // namespace

TEST_CASE("fmt: rewrites a file, keeps comments, and is then stable", "[cli]") {
  TempDir dir;
  std::string path = dir.write("p.writ", kMessy);
  auto check_before = run_writ({"fmt", "--check", path});
  CHECK(check_before.exit_code == 1);
  CHECK(check_before.out == path + "\n");
  CHECK(dir.read("p.writ") == kMessy);

  auto r = run_writ({"fmt", path});
  CHECK(r.exit_code == 0);
  std::string formatted = dir.read("p.writ");
  CHECK(formatted != kMessy);
  CHECK(formatted.find("// the alert schema") != std::string::npos);
  CHECK(formatted.find("// keep me") != std::string::npos);
  CHECK(formatted.find("event alert.received { service: string, severity: int }") != std::string::npos);

  CHECK(run_writ({"fmt", "--check", path}).exit_code == 0);
  CHECK(run_writ({"check", path}).exit_code == 0);
}

TEST_CASE("fmt: --stdout prints and leaves the file alone", "[cli]") {
  TempDir dir;
  std::string path = dir.write("p.writ", kMessy);
  auto r = run_writ({"fmt", "--stdout", path});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("rule r on alert.received when (event.severity <= 2) {") != std::string::npos);
  CHECK(dir.read("p.writ") == kMessy);
}

TEST_CASE("fmt: a file with syntax errors is reported and not touched", "[cli]") {
  TempDir dir;
  std::string broken = "policy p\nconst a = = 1\n";
  std::string path = dir.write("broken.writ", broken);
  auto r = run_writ({"fmt", path});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find(path + ":2:11: error[E0100]") != std::string::npos);
  CHECK(dir.read("broken.writ") == broken);
}

TEST_CASE("fmt: the shipped policies and stdlib are formatted", "[cli]") {
  auto r = run_writ({"fmt", "--check", std::string(WRIT_SOURCE_DIR) + "/policies",
                     std::string(WRIT_SOURCE_DIR) + "/stdlib"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
}

TEST_CASE("fmt: usage errors exit 2", "[cli]") {
  CHECK(run_writ({"fmt"}).exit_code == 2);
  CHECK(run_writ({"fmt", "/nonexistent.writ"}).exit_code == 2);
}
