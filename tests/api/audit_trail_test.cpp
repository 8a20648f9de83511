// The embedding API's audit trail (docs/embedding.md): a named salt reproduces a trail hash
// for hash, also for @sensitive values; an engine resumed on a trail after a clean stop or
// a crash continues it into the trail an uninterrupted engine writes, and refuses a trail
// it cannot continue. The policy is tests/fixtures/engine/sensitive.writ, whose freeze
// (global state) and seen events a resumed engine must have back.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "runtime/audit_verify.hpp"
#include "support/fixed_salt.hpp"
#include "support/run_process.hpp"
#include "writ/writ.hpp"

namespace {

const std::string kSalt = writ::test::kFixedSalt;

std::string fixture(const std::string& name) { return std::string(WRIT_TESTS_DIR) + "/fixtures/engine/" + name; }

writ::Policy sensitive_policy() {
  writ::CompileResult result = writ::compile({fixture("sensitive.writ")});
  INFO(result.text());
  REQUIRE(result.ok());
  return *result.policy;
}

std::vector<std::string> sensitive_events() {
  std::ifstream in(fixture("sensitive.events.jsonl"));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  REQUIRE(lines.size() == 5);
  return lines;
}

writ::EngineOptions audited(const std::string& path, std::int64_t batch, const std::string& salt) {
  writ::EngineOptions options;
  options.audit_path = path;
  options.audit_batch = batch;
  options.audit_salt = salt;
  return options;
}

writ::EngineOptions resumed(const std::string& path) {
  writ::EngineOptions options;
  options.audit_path = path;
  options.audit_batch = 2;
  options.audit_resume = true;
  return options;
}

// Submits events [from, to) of the stream.
void submit(writ::Engine& engine, std::size_t from, std::size_t to) {
  std::vector<std::string> events = sensitive_events();
  for (std::size_t i = from; i < to; ++i) engine.submit(events[i]);
}

// The verified head of a trail: "N hash".
std::string head_of(const std::string& path) {
  auto report = writ::runtime::verify_trail(path);
  REQUIRE(report.ok());
  INFO(report.value().reason);
  REQUIRE(report.value().ok);
  return std::to_string(report.value().head.seq) + " " + report.value().head.hash;
}

// The head of a trail of every sensitive event, in one engine.
std::string uninterrupted(const std::string& path, const std::string& salt) {
  {
    writ::Engine engine(sensitive_policy(), audited(path, 2, salt));
    for (const auto& line : sensitive_events()) engine.submit(line);
  }
  return head_of(path);
}

}  // namespace

TEST_CASE("embedding audit: a named salt reproduces the trail hash for hash, a random one does not") {
  writ::test::TempDir dir;
  std::string first = uninterrupted(dir.path() + "/a.db", kSalt);
  CHECK(first == uninterrupted(dir.path() + "/b.db", kSalt));
  CHECK(first.rfind("14 ", 0) == 0);
  CHECK(uninterrupted(dir.path() + "/c.db", "") != first);
}

TEST_CASE("embedding audit: a salt that is not 64 lower-case hex digits is refused") {
  writ::test::TempDir dir;
  CHECK_THROWS_AS(writ::Engine(sensitive_policy(), audited(dir.path() + "/t.db", 2, "abc")), writ::Error);
  CHECK_FALSE(std::filesystem::exists(dir.path() + "/t.db"));
}

TEST_CASE("embedding audit: an engine resumed after a clean stop writes the uninterrupted trail") {
  writ::test::TempDir dir;
  std::string expected = uninterrupted(dir.path() + "/whole.db", kSalt);
  std::string path = dir.path() + "/t.db";
  {
    writ::Engine first(sensitive_policy(), audited(path, 2, kSalt));
    submit(first, 0, 3);
  }
  writ::Engine second(sensitive_policy(), resumed(path));
  CHECK(second.position() == 3);
  std::vector<writ::Decision> decided;
  second.on_decision([&](const writ::Decision& d) { decided.push_back(d); });
  submit(second, 3, 5);
  REQUIRE_FALSE(decided.empty());
  CHECK(decided.front().seq > 1);  // the engine's seq goes on too
  second.commit();
  CHECK(second.position() == 5);
  CHECK(head_of(path) == expected);
}

TEST_CASE("embedding audit: after a crash, the engine resumes at the last commit and the stream goes on from there") {
  writ::test::TempDir dir;
  std::string expected = uninterrupted(dir.path() + "/whole.db", kSalt);
  std::string path = dir.path() + "/t.db";
  std::string crashed = dir.path() + "/crashed.db";
  {
    writ::Engine running(sensitive_policy(), audited(path, 2, kSalt));
    submit(running, 0, 3);  // events 1 and 2 committed, event 3 in the open batch
    // The files as a crash now would leave them: the open batch's transaction never commits.
    for (const char* suffix : {"", "-wal"}) std::filesystem::copy_file(path + suffix, crashed + suffix);
  }
  writ::Engine engine(sensitive_policy(), resumed(crashed));
  REQUIRE(engine.position() == 2);
  submit(engine, static_cast<std::size_t>(engine.position()), 5);
  engine.commit();
  CHECK(head_of(crashed) == expected);
}

TEST_CASE("embedding audit: a trail that cannot be continued is refused with the reason") {
  writ::test::TempDir dir;
  std::string path = dir.path() + "/t.db";
  {
    writ::Engine first(sensitive_policy(), audited(path, 2, kSalt));
    submit(first, 0, 2);
  }
  auto refusal = [&](const writ::Policy& policy, const writ::EngineOptions& options) {
    try {
      writ::Engine engine(policy, options);
    } catch (const writ::Error& e) {
      return std::string(e.what());
    }
    return std::string("no refusal");
  };
  writ::CompileResult other = writ::compile({fixture("live.writ")});
  REQUIRE(other.ok());
  CHECK_THAT(refusal(*other.policy, resumed(path)),
             Catch::Contains("cannot resume: the trail was written under policy"));
  writ::EngineOptions salted = resumed(path);
  salted.audit_salt = kSalt;
  CHECK_THAT(refusal(sensitive_policy(), salted), Catch::Contains("a resumed trail keeps its salt"));
  CHECK_THAT(refusal(sensitive_policy(), resumed(dir.path() + "/none.db")), Catch::Contains("no such file"));
  CHECK_THAT(refusal(sensitive_policy(), resumed("")), Catch::Contains("audit_resume needs audit_path"));
  // The refusals left the trail as it was: it still resumes.
  writ::Engine engine(sensitive_policy(), resumed(path));
  CHECK(engine.position() == 2);
}

TEST_CASE("embedding audit: a policy compiled without audit decides the same and refuses a trail") {
  writ::CompileOptions plain;
  plain.audit = false;
  writ::CompileResult result = writ::compile({fixture("sensitive.writ")}, plain);
  REQUIRE(result.ok());
  auto decisions = [](const writ::Policy& policy) {
    writ::Engine engine(policy);
    std::vector<std::string> lines;
    engine.on_decision([&](const writ::Decision& d) { lines.push_back(d.json()); });
    for (const auto& line : sensitive_events()) engine.submit(line);
    return lines;
  };
  std::vector<std::string> without = decisions(*result.policy);
  CHECK(without.size() == 14);
  CHECK(without == decisions(sensitive_policy()));
  writ::test::TempDir dir;
  try {
    writ::Engine engine(*result.policy, audited(dir.path() + "/t.db", 2, kSalt));
    FAIL("an engine of a policy compiled without audit wrote a trail");
  } catch (const writ::Error& e) {
    CHECK_THAT(e.what(), Catch::Contains("CompileOptions::audit = false"));
  }
  CHECK_FALSE(std::filesystem::exists(dir.path() + "/t.db"));
}
