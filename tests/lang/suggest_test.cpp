#include <catch2/catch.hpp>

#include "lang/suggest.hpp"

using namespace writ::lang::detail;

TEST_CASE("edit distance counts insertions, deletions, substitutions and swaps", "[lang]") {
  CHECK(edit_distance("tier", "tier") == 0);
  CHECK(edit_distance("tir", "tier") == 1);
  CHECK(edit_distance("tiers", "tier") == 1);
  CHECK(edit_distance("tiar", "tier") == 1);
  CHECK(edit_distance("teir", "tier") == 1);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("did you mean picks the closest plausible name", "[lang]") {
  std::vector<std::string> names = {"tier", "major", "resolved", "health_checked"};
  CHECK(did_you_mean("tir", names) == "did you mean `tier`?");
  CHECK(did_you_mean("helth_checked", names) == "did you mean `health_checked`?");
  CHECK(did_you_mean("zzzz", names).empty());
  // An exact match is not a suggestion.
  CHECK(did_you_mean("tier", {"tier"}).empty());
  // Ties go to the first candidate, so the output is stable.
  CHECK(closest_name("ab", {"ax", "ay"}) == "ax");
}

TEST_CASE("closest names keeps every candidate that is equally close", "[lang]") {
  CHECK(closest_names("P7", {"P1", "P2", "P3"}) == std::vector<std::string>{"P1", "P2", "P3"});
  CHECK(closest_names("Medum", {"Low", "Medium", "High"}) == std::vector<std::string>{"Medium"});
  CHECK(closest_names("zzzz", {"tier", "major"}).empty());
  CHECK(closest_names("tier", {"tier"}).empty());
}

TEST_CASE("closest names stays within the plausible distance", "[lang]") {
  // Two edits in two letters is not a typo.
  CHECK(closest_names("n1", {"a", "b"}).empty());
  CHECK(closest_names("nope", {"now", "age"}).empty());
  CHECK(closest_names("ab", {"xy", "ax"}) == std::vector<std::string>{"ax"});
}
