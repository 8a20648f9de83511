// The open-addressing table of names and ids behind the trail's incidents and policies.
#include "runtime/detail/name_ids.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using writ::runtime::detail::NameIds;

namespace {

std::string name_of(int i) { return i % 3 == 0 ? "an incident name too long for a string's own buffer " + std::to_string(i) : "INC-" + std::to_string(i); }

}  // namespace

TEST_CASE("name ids: every name added is found, through growth, and no other", "[runtime][audit]") {
  NameIds ids;
  for (int i = 1; i <= 5000; ++i) {
    CHECK(ids.find(name_of(i)) == 0);
    ids.add(name_of(i), i);
  }
  CHECK(ids.size() == 5000);
  for (int i = 1; i <= 5000; ++i) REQUIRE(ids.find(name_of(i)) == i);
  CHECK(ids.find("INC-0") == 0);
  CHECK(ids.find("") == 0);
  ids.add("", 5001);
  CHECK(ids.find("") == 5001);
}

TEST_CASE("name ids: removed names are forgotten, the others kept, and can be added again", "[runtime][audit]") {
  NameIds ids;
  for (int i = 1; i <= 300; ++i) ids.add(name_of(i), i);
  std::vector<std::string> gone;
  for (int i = 2; i <= 300; i += 2) gone.push_back(name_of(i));
  ids.remove(gone);
  CHECK(ids.size() == 150);
  for (int i = 1; i <= 300; ++i) CHECK(ids.find(name_of(i)) == (i % 2 == 1 ? i : 0));
  ids.add(name_of(2), 1002);
  CHECK(ids.find(name_of(2)) == 1002);
}
