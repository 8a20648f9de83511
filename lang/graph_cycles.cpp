#include "lang/graph_cycles.hpp"

#include <set>

namespace writ::lang::detail {

namespace {

class CycleFinder {
 public:
  explicit CycleFinder(const Graph& graph) : graph_(graph) {}

  std::vector<std::vector<CycleStep>> run() {
    for (const auto& [node, _] : graph_) {
      if (!done_.count(node)) visit(node);
    }
    return std::move(cycles_);
  }

 private:
  void visit(const std::string& node) {
    on_path_.insert(node);
    if (auto it = graph_.find(node); it != graph_.end()) {
      for (const GraphEdge& edge : it->second) {
        path_.push_back({node, &edge});
        if (on_path_.count(edge.to)) {
          record(edge.to);
        } else if (!done_.count(edge.to)) {
          visit(edge.to);
        }
        path_.pop_back();
      }
    }
    on_path_.erase(node);
    done_.insert(node);
  }

  void record(const std::string& start) {
    std::size_t first = 0;
    while (path_[first].from != start) ++first;
    std::vector<CycleStep> cycle(path_.begin() + static_cast<long>(first), path_.end());
    std::set<std::string> members;
    for (const CycleStep& step : cycle) members.insert(step.from);
    if (reported_.insert(members).second) cycles_.push_back(std::move(cycle));
  }

  const Graph& graph_;
  std::set<std::string> on_path_;
  std::set<std::string> done_;
  std::vector<CycleStep> path_;
  std::set<std::set<std::string>> reported_;
  std::vector<std::vector<CycleStep>> cycles_;
};

}  // namespace

std::vector<std::vector<CycleStep>> find_cycles(const Graph& graph) { return CycleFinder(graph).run(); }

std::string cycle_text(const std::vector<CycleStep>& cycle) {
  std::string text = cycle.front().from;
  for (const CycleStep& step : cycle) text += " -> " + step.edge->to;
  return text;
}

}  // namespace writ::lang::detail
