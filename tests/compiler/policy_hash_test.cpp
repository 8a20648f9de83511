#include "compiler/policy_hash.hpp"

#include <catch2/catch.hpp>

#include "tests/support/checked_program.hpp"

using namespace writ;

namespace {

std::string hash_of(const std::string& text) {
  auto run = test::check_text(text);
  REQUIRE(run->ok);
  return compiler::policy_hash(run->program, run->sources);
}

const char* kPolicy = R"(policy p
event a.b { n: int }
state { x: int = 0 }
rule r on a.b when event.n > 1 { set x = event.n }
)";

}  // namespace

TEST_CASE("policy hash: spacing and line breaks that fmt normalises do not change it") {
  std::string h = hash_of(kPolicy);
  CHECK(h.size() == 64);
  CHECK(hash_of(kPolicy) == h);
  std::string spaced = std::string(kPolicy);
  spaced.replace(spaced.find("event.n > 1"), 11, "event.n  >  1");
  spaced.replace(spaced.find("{ n: int }"), 10, "{\n  n: int\n}");
  CHECK(hash_of(spaced) == h);
}

TEST_CASE("policy hash: comments are part of the canonical text") {
  std::string commented = "// owner: CMO\n" + std::string(kPolicy);
  CHECK(hash_of(commented) != hash_of(kPolicy));
}

TEST_CASE("policy hash: a change of meaning changes it") {
  std::string changed = std::string(kPolicy);
  changed.replace(changed.find("> 1"), 3, "> 2");
  CHECK(hash_of(changed) != hash_of(kPolicy));
}
