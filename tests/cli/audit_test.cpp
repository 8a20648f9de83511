// `writ audit` end to end: verify, export (redacted), timeline, and their exit codes.
#include <catch2/catch.hpp>

#include <fstream>

#include "support/audit_fixture.hpp"
#include "support/run_process.hpp"
#include "support/trail_tamper.hpp"

using writ::test::kSecretMarker;
using writ::test::run_writ;
using writ::test::remove_record;
using writ::test::set_site_text;
using writ::test::tamper;
using writ::test::TempDir;
using writ::test::write_trail;

TEST_CASE("audit: verify passes an intact trail", "[cli]") {
  TempDir dir;
  std::string trail = dir.path() + "/trail.db";
  write_trail(trail, 2, 3);
  auto r = run_writ({"audit", "verify", trail});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind(trail + ": 6 records, chain intact; head: record 6, hash ", 0) == 0);
}

TEST_CASE("audit: verify names the first bad record and exits 1", "[cli]") {
  TempDir dir;
  std::string trail = dir.path() + "/trail.db";
  write_trail(trail, 2, 3);
  SECTION("a changed record") {
    tamper(trail, set_site_text(4, "outcome", "'allowed'"));
    auto r = run_writ({"audit", "verify", trail});
    CHECK(r.exit_code == 1);
    CHECK(r.err == trail + ": record 4: its content does not match its hash (it was changed)\n");
  }
  SECTION("a deleted record") {
    tamper(trail, remove_record(2, true));
    auto r = run_writ({"audit", "verify", trail});
    CHECK(r.exit_code == 1);
    CHECK(r.err == trail + ": record 2: missing: the next record is 3 (records were deleted)\n");
  }
  SECTION("a block that is not JSON") {
    tamper(trail, "UPDATE blocks SET body = '[[4' WHERE first_seq = 4");
    auto r = run_writ({"audit", "verify", trail});
    CHECK(r.exit_code == 1);
    CHECK(r.err.rfind(trail + ": record 4: its block's body is not a JSON array", 0) == 0);
  }
  SECTION("a deleted block") {
    tamper(trail, "DELETE FROM blocks WHERE first_seq = 1");
    auto r = run_writ({"audit", "verify", trail});
    CHECK(r.exit_code == 1);
    CHECK(r.err == trail + ": record 1: missing: the next record is 4 (records were deleted)\n");
  }
  SECTION("a deleted tail") {
    tamper(trail, remove_record(6, true) + remove_record(5, true));
    auto r = run_writ({"audit", "verify", trail});
    CHECK(r.exit_code == 1);
    CHECK(r.err.rfind(trail + ": record 5: missing: the trail ends at record 4", 0) == 0);
  }
}

TEST_CASE("audit: a trail of format 2 or 3 is refused with exit 2, naming the writ to use", "[cli]") {
  TempDir dir;
  std::string trail = dir.path() + "/trail.db";
  write_trail(trail, 1, 2);
  for (std::string earlier : {"2", "3"}) {
    tamper(trail, "UPDATE meta SET value = '" + earlier + "' WHERE key = 'format'");
    for (const char* command : {"verify", "timeline"}) {
      std::vector<std::string> args = {"audit", command, trail};
      if (std::string(command) == "timeline") args.push_back("INC-1");
      auto r = run_writ(args);
      CHECK(r.exit_code == 2);
      CHECK(r.err.find("the trail has format version " + earlier +
                       ", from an earlier writ; this writ reads version 4 only: read, verify or export it with the "
                       "writ that wrote it") != std::string::npos);
    }
  }
}

TEST_CASE("audit: verify on files that are not trails exits 2", "[cli]") {
  TempDir dir;
  auto missing = run_writ({"audit", "verify", dir.path() + "/missing.db"});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err == "writ audit verify: " + dir.path() + "/missing.db: no such file\n");

  std::string text = dir.write("notes.txt", std::string(3000, 'n'));
  auto noise = run_writ({"audit", "verify", text});
  CHECK(noise.exit_code == 2);
  CHECK(noise.err.find("not a Writ audit trail") != std::string::npos);

  auto folder = run_writ({"audit", "verify", dir.path()});
  CHECK(folder.exit_code == 2);
  CHECK(folder.err == "writ audit verify: " + dir.path() + ": a folder, not a file\n");

  CHECK(run_writ({"audit", "verify"}).exit_code == 2);
  CHECK(run_writ({"audit"}).exit_code == 2);
}

TEST_CASE("audit: export --redact writes a copy that verifies without the sensitive values", "[cli]") {
  TempDir dir;
  std::string trail = dir.path() + "/trail.db";
  std::string out = dir.path() + "/out.db";
  write_trail(trail, 2, 3);
  auto r = run_writ({"audit", "export", trail, out, "--redact"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out == out + ": 6 records exported, 6 sensitive values dropped\n");
  CHECK(dir.read("out.db").find(kSecretMarker) == std::string::npos);
  auto verified = run_writ({"audit", "verify", out});
  CHECK(verified.exit_code == 0);
  CHECK(verified.out.substr(verified.out.find(':')) ==
        run_writ({"audit", "verify", trail}).out.substr(trail.size()));

  auto again = run_writ({"audit", "export", trail, out});
  CHECK(again.exit_code == 2);
  CHECK(again.err == "writ audit export: " + out + ": a file already exists there\n");
}

TEST_CASE("audit: export refuses a tampered trail", "[cli]") {
  TempDir dir;
  std::string trail = dir.path() + "/trail.db";
  write_trail(trail, 1, 3);
  tamper(trail, set_site_text(2, "target", "'nobody'"));
  auto r = run_writ({"audit", "export", trail, dir.path() + "/out.db"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find(trail + ": record 2: ") != std::string::npos);
}

TEST_CASE("audit: timeline lists one incident's records", "[cli]") {
  TempDir dir;
  std::string trail = dir.path() + "/trail.db";
  write_trail(trail, 1, 3);
  auto r = run_writ({"audit", "timeline", trail, "INC-1"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "#1 2026-09-21T14:14:20Z rule rule escalate_1 (policies/p.writ:11:3) escalated -> oncall because severity is 1 "
        "[severity=1 reporter=<sensitive>]\n"
        "#3 2026-09-21T14:16:20Z rule rule escalate_3 (policies/p.writ:13:3) escalated -> oncall because severity is 1 "
        "[severity=1 reporter=<sensitive>]\n");
  auto none = run_writ({"audit", "timeline", trail, "INC-404"});
  CHECK(none.exit_code == 1);
  CHECK(none.err == "writ audit timeline: " + trail + ": no records for incident `INC-404`\n");
}

TEST_CASE("audit: --help on each subcommand", "[cli]") {
  for (const char* sub : {"verify", "export", "timeline"}) {
    auto r = run_writ({"audit", sub, "--help"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("trail") != std::string::npos);
  }
  CHECK(run_writ({"audit", "--help"}).out.find("verify") != std::string::npos);
}

#ifdef WRIT_PYTHON
namespace {

// The ```python block of docs/audit.md, written out as a script.
std::string reference_verifier(const TempDir& dir) {
  std::ifstream in(std::string(WRIT_SOURCE_DIR) + "/docs/audit.md", std::ios::binary);
  std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t begin = doc.find("```python\n");
  REQUIRE(begin != std::string::npos);
  begin += 10;
  std::size_t end = doc.find("```", begin);
  REQUIRE(end != std::string::npos);
  return dir.write("verify.py", doc.substr(begin, end - begin));
}

}  // namespace

TEST_CASE("audit: the reference verifier of docs/audit.md agrees with writ", "[cli]") {
  TempDir dir;
  std::string script = reference_verifier(dir);
  std::string trail = dir.path() + "/trail.db";
  std::string redacted = dir.path() + "/redacted.db";
  write_trail(trail, 2, 3);
  REQUIRE(run_writ({"audit", "export", trail, redacted, "--redact"}).exit_code == 0);
  std::string writ_out = run_writ({"audit", "verify", trail}).out;
  std::string head = writ_out.substr(writ_out.rfind(' ') + 1);
  for (const std::string& path : {trail, redacted}) {
    auto r = writ::test::run_process(WRIT_PYTHON, {script, path});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out == "6 records, head " + head);
  }
  tamper(trail, writ::test::set_item(5, 4, "'edited'"));
  auto r = writ::test::run_process(WRIT_PYTHON, {script, trail});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("record 5: hash") != std::string::npos);
}

TEST_CASE("audit: the reference verifier checks a replayed trail and a changed value inside it", "[cli]") {
  TempDir dir;
  std::string script = reference_verifier(dir);
  std::string trail = dir.path() + "/trail.db";
  std::string redacted = dir.path() + "/redacted.db";
  auto replay = run_writ({"replay", "--policy", std::string(WRIT_TESTS_DIR) + "/fixtures/engine/sensitive.writ",
                          "--events", std::string(WRIT_TESTS_DIR) + "/fixtures/engine/sensitive.events.jsonl",
                          "--audit", trail});
  REQUIRE(replay.exit_code == 0);
  REQUIRE(run_writ({"audit", "export", trail, redacted, "--redact"}).exit_code == 0);
  std::string writ_out = run_writ({"audit", "verify", trail}).out;
  std::string tail = writ_out.substr(writ_out.find(": ") + 2);
  std::string records = tail.substr(0, tail.find(' '));
  std::string head = writ_out.substr(writ_out.rfind(' ') + 1);
  for (const std::string& path : {trail, redacted}) {
    auto r = writ::test::run_process(WRIT_PYTHON, {script, path});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out == records + " records, head " + head);
  }
  // The first value of record 1 (the change request's `change`) given another text.
  tamper(trail, writ::test::set_item(1, 6, "json_replace(" + writ::test::values_of(1) + ", '$[0][1]', '\"CHG-2\"')"));
  auto r = writ::test::run_process(WRIT_PYTHON, {script, trail});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("record 1: hash") != std::string::npos);
  auto verified = run_writ({"audit", "verify", trail});
  CHECK(verified.exit_code == 1);
  CHECK(verified.err == trail + ": record 1: its content does not match its hash (it was changed)\n");
}
#endif
