#include "bench/peers/rule_scaling.hpp"

#include <fmt/format.h>

#include "bench/peers/workload.hpp"

namespace writ::peers {

namespace {

constexpr const char* kFields =
    "service: string, severity: int, users_affected: int, impact: string, duration_min: int, data_exposure: bool, "
    "replication_lag_s: int, data_consistent: bool";

// Rule i's condition: one of four shapes, its constants drawn from i.
std::string condition(std::size_t i) {
  std::size_t k = i / 4;
  switch (k % 4) {
    case 0:
      return fmt::format("event.severity <= {} and event.users_affected >= {}", 1 + k % 5, (k * 397) % 5000);
    case 1:
      return fmt::format("event.service == \"{}\" and event.duration_min > {}", kServices[k % kServices.size()],
                         (k * 53) % 600);
    case 2:
      return fmt::format("(event.impact == \"{}\" or event.data_exposure) and event.replication_lag_s <= {}",
                         kImpacts[k % kImpacts.size()], k % 31);
    default:
      return fmt::format("event.service in {{\"{}\", \"{}\"}} and not event.data_consistent or event.severity == {}",
                         kServices[k % kServices.size()], kServices[(k + 7) % kServices.size()], 1 + k % 5);
  }
}

}  // namespace

std::string generated_policy(std::size_t rules) {
  std::string out = fmt::format("policy generated_{} version \"1.0.0\"\n\n", rules);
  for (std::string_view type : kTypes) out += fmt::format("event {} {{ {} }}\n", type, kFields);
  out += "\nstate {\n  hits: int = 0\n}\n";
  for (std::size_t i = 0; i < rules; ++i) {
    out += fmt::format("\nrule r{} on {} when {} {{\n  set hits = state.hits + 1\n}}\n", i, kTypes[i % kTypes.size()],
                       condition(i));
  }
  return out;
}

}  // namespace writ::peers
