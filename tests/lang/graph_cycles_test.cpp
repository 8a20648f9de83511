#include <catch2/catch.hpp>

#include "lang/graph_cycles.hpp"

using namespace writ::lang::detail;

namespace {

void edge(Graph& g, const std::string& from, const std::string& to) { g[from].push_back({to, {}, from + "->" + to}); }

}  // namespace

TEST_CASE("an acyclic graph has no cycles", "[lang]") {
  Graph g;
  edge(g, "payments", "db-main");
  edge(g, "payments", "network-core");
  edge(g, "auth", "db-main");
  CHECK(find_cycles(g).empty());
}

TEST_CASE("cycles are found once each, with their path", "[lang]") {
  Graph g;
  edge(g, "a", "b");
  edge(g, "b", "c");
  edge(g, "c", "a");
  edge(g, "d", "d");
  auto cycles = find_cycles(g);
  REQUIRE(cycles.size() == 2);
  CHECK(cycle_text(cycles[0]) == "a -> b -> c -> a");
  CHECK(cycles[0].back().edge->note == "c->a");
  CHECK(cycle_text(cycles[1]) == "d -> d");
}
