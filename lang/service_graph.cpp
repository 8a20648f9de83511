// The service dependency map must be acyclic (E0503): `dependents(s)` walks it, and a
// service cannot, through others, depend on itself.
#include <fmt/format.h>

#include "lang/graph_cycles.hpp"
#include "lang/static_checks.hpp"

namespace writ::lang::detail {

void check_service_graph(const ProgramSymbols& symbols, Diagnostics& diags) {
  Graph graph;
  for (const ServiceEdge* edge : symbols.service_edges) {
    auto& deps = graph[edge->service];
    for (std::size_t i = 0; i < edge->depends_on.size(); ++i) {
      Span span = i < edge->depends_on_spans.size() ? edge->depends_on_spans[i] : edge->span;
      deps.push_back({edge->depends_on[i], span, fmt::format("`{}` depends on `{}`", edge->service, edge->depends_on[i])});
    }
  }
  for (const auto& cycle : find_cycles(graph)) {
    auto& d = diags.error(Code::ServiceCycle, cycle.back().edge->span,
                          fmt::format("the service map has a cycle: {}", cycle_text(cycle)));
    for (const CycleStep& step : cycle) d.notes.push_back({step.edge->span, true, step.edge->note});
  }
}

}  // namespace writ::lang::detail
