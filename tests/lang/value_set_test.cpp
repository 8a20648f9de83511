#include <catch2/catch.hpp>

#include "lang/value_set.hpp"

using namespace writ::lang::detail;

TEST_CASE("number sets unite, intersect and complement within their domain", "[lang]") {
  ValueSet all = ValueSet::all_numbers(0, 9);
  ValueSet low = all.at_most(3);
  ValueSet high = all.at_least(7);
  CHECK(low.unite(high).complement().subset_of(all.at_least(4).intersect(all.at_most(6))));
  CHECK(all.at_least(4).intersect(all.at_most(6)).subset_of(low.unite(high).complement()));
  CHECK(low.unite(all.at_least(4)).full());
  CHECK(low.intersect(high).empty());
  CHECK(all.only(2).subset_of(low));
  CHECK_FALSE(all.only(5).subset_of(low.unite(high)));
  CHECK(all.at_most(-1).empty());
  CHECK(all.only(5).complement().unite(all.only(5)).full());
}

TEST_CASE("number sets reach the ends of int64 without overflow", "[lang]") {
  constexpr auto lo = std::numeric_limits<std::int64_t>::min();
  constexpr auto hi = std::numeric_limits<std::int64_t>::max();
  ValueSet all = ValueSet::all_numbers(lo, hi);
  CHECK(all.full());
  CHECK(all.at_most(lo).unite(all.at_least(lo + 1)).full());
  CHECK(all.only(hi).complement().subset_of(all.at_most(hi - 1)));
  CHECK(all.only(lo).complement().complement().subset_of(all.only(lo)));
}

TEST_CASE("string sets are finite lists or everything but a list", "[lang]") {
  ValueSet all = ValueSet::all_strings();
  ValueSet ab = all.only_strings({"a", "b"});
  ValueSet not_a = all.only_strings({"a"}).complement();
  CHECK(all.only_strings({"b"}).subset_of(ab));
  CHECK_FALSE(ab.subset_of(not_a));
  CHECK(all.only_strings({"b"}).subset_of(not_a));
  CHECK(ab.unite(not_a).full());
  CHECK(ab.intersect(not_a).subset_of(all.only_strings({"b"})));
  CHECK_FALSE(not_a.subset_of(ab));
  CHECK(all.only_strings({}).empty());
}
