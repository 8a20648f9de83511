#pragma once
// Cycles in a small directed graph with named nodes and located edges: the service map
// (E0503) and the events that emitting rules trigger (E0502).
#include <map>
#include <string>
#include <vector>

#include "lang/source.hpp"

namespace writ::lang::detail {

struct GraphEdge {
  std::string to;
  Span span;         // where the edge is written
  std::string note;  // what the edge means, shown as a note on the cycle
};

using Graph = std::map<std::string, std::vector<GraphEdge>>;

struct CycleStep {
  std::string from;
  const GraphEdge* edge;
};

// Every elementary cycle met by a depth-first walk (nodes and edges in sorted, then written
// order), each set of nodes once. A cycle's last step leads back to its first node.
std::vector<std::vector<CycleStep>> find_cycles(const Graph& graph);

// "a -> b -> a".
std::string cycle_text(const std::vector<CycleStep>& cycle);

}  // namespace writ::lang::detail
