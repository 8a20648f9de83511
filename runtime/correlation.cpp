#include "runtime/correlation.hpp"

namespace writ::runtime {

std::string Correlation::join(std::uint32_t construct, compiler::StringId key, const std::string& incident,
                              std::int64_t at, std::int64_t window) {
  Group& group = groups_[{construct, key}];
  if (group.incident.empty() || at - group.last > window) group.incident = incident;
  group.last = at;
  return group.incident;
}

void Correlation::forget(const std::string& incident) {
  for (auto it = groups_.begin(); it != groups_.end();) {
    it = it->second.incident == incident ? groups_.erase(it) : std::next(it);
  }
}

}  // namespace writ::runtime
