#include "compiler/service_dependents.hpp"

#include <set>

namespace writ::compiler {

namespace {

using Graph = std::map<std::string, std::set<std::string>>;

// Service -> the services that name it after `->`.
Graph direct_dependents(const lang::Program& program) {
  Graph graph;
  for (const auto& module : program.modules) {
    for (const lang::Decl& decl : module->decls) {
      const auto* services = std::get_if<lang::ServicesDecl>(&decl);
      if (!services) continue;
      for (const lang::ServiceEdge& edge : services->edges) {
        for (const std::string& dependency : edge.depends_on) graph[dependency].insert(edge.service);
      }
    }
  }
  return graph;
}

// Everything reachable from `service`, by a walk that visits each service once.
std::vector<std::string> reachable(const Graph& graph, const std::string& service) {
  std::set<std::string> seen;
  std::vector<std::string> pending{service};
  while (!pending.empty()) {
    std::string next = std::move(pending.back());
    pending.pop_back();
    auto it = graph.find(next);
    if (it == graph.end()) continue;
    for (const std::string& dependent : it->second) {
      if (seen.insert(dependent).second) pending.push_back(dependent);
    }
  }
  return {seen.begin(), seen.end()};
}

}  // namespace

ServiceDependents service_dependents(const lang::Program& program) {
  Graph graph = direct_dependents(program);
  ServiceDependents out;
  for (const auto& [service, _] : graph) out.emplace(service, reachable(graph, service));
  return out;
}

}  // namespace writ::compiler
