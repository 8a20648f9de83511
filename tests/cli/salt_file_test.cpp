// `--salt-file` end to end (docs/audit.md, "Reproducible trails"): two replays of a policy
// with `@sensitive` fields under one named salt give the same trail, head hash included,
// and `writ run` takes it too; a file that holds no salt, or one given where no new trail
// is made, is a usage error.
#include <catch2/catch.hpp>

#include <filesystem>

#include "runtime/audit_store.hpp"
#include "support/fixed_salt.hpp"
#include "support/run_process.hpp"

using writ::test::run_writ;
using writ::test::TempDir;

namespace {

const std::string kPolicy = std::string(WRIT_TESTS_DIR) + "/fixtures/engine/sensitive.writ";
const std::string kEvents = std::string(WRIT_TESTS_DIR) + "/fixtures/engine/sensitive.events.jsonl";
const std::string kSalt = writ::test::kFixedSalt;

// `writ audit verify`'s last line: "head: record N, hash H".
std::string head_of(const std::string& trail) {
  auto r = run_writ({"audit", "verify", trail});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  auto head = r.out.find("head: ");
  REQUIRE(head != std::string::npos);
  return r.out.substr(head);
}

std::string replay(const TempDir& dir, const std::string& name, const std::vector<std::string>& salt_args) {
  std::string trail = dir.path() + "/" + name;
  std::vector<std::string> args{"replay", "--policy", kPolicy, "--events", kEvents, "--audit", trail};
  args.insert(args.end(), salt_args.begin(), salt_args.end());
  auto r = run_writ(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return head_of(trail);
}

}  // namespace

TEST_CASE("salt file: two replays under one salt give the same head, without it they differ", "[cli][audit]") {
  TempDir dir;
  std::string salt = dir.write("salt.hex", "  " + kSalt + "\n");
  std::string first = replay(dir, "a.db", {"--salt-file", salt});
  CHECK(first == replay(dir, "b.db", {"--salt-file", salt}));
  CHECK(first.find("head: record 14,") != std::string::npos);
  std::string random_a = replay(dir, "c.db", {});
  std::string random_b = replay(dir, "d.db", {});
  CHECK(random_a != first);
  CHECK(random_a != random_b);
}

TEST_CASE("salt file: writ run salts its new trail with it", "[cli][run][audit]") {
  TempDir dir;
  std::string salt = dir.write("salt.hex", kSalt);
  std::string trail = dir.path() + "/live.db";
  auto r = run_writ({"run", "--policy", kPolicy, "--audit", trail, "--salt-file", salt}, "not json\n");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto store = writ::runtime::AuditStore::open(trail, {});
  REQUIRE(store.ok());
  CHECK(store.value()->meta().salt == kSalt);
}

TEST_CASE("salt file: a file without a salt, or a salt where no new trail is made, is a usage error", "[cli][audit]") {
  TempDir dir;
  std::string salt = dir.write("salt.hex", kSalt);
  std::string trail = dir.path() + "/t.db";
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  std::vector<Case> cases = {
      {{"replay", "--policy", kPolicy, "--events", kEvents, "--audit", trail, "--salt-file", dir.write("short", "abc")},
       "does not hold a salt: 64 lower-case hex digits"},
      {{"replay", "--policy", kPolicy, "--events", kEvents, "--audit", trail, "--salt-file", dir.path() + "/none"},
       "--salt-file: cannot read"},
      {{"replay", "--policy", kPolicy, "--events", kEvents, "--salt-file", salt}, "--salt-file needs --audit"},
      {{"replay", "--policy", kPolicy, "--events", kEvents, "--audit", trail, "--resume", "--salt-file", salt},
       "a resumed trail keeps its salt"},
      {{"run", "--policy", kPolicy, "--salt-file", salt}, "--salt-file needs --audit"},
  };
  for (const Case& c : cases) {
    auto r = run_writ(c.args);
    INFO(c.args.back() << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(c.message) != std::string::npos);
  }
  CHECK_FALSE(std::filesystem::exists(trail));
}
