#include "bench/peers/decision_counts.hpp"

#include <fmt/format.h>

namespace writ::peers {

std::string DecisionCounts::canonical() const {
  std::string out;
  for (std::size_t d = 0; d < kDecisionCount; ++d) {
    if (d) out += ',';
    out += fmt::format("{}={}", kDecisionNames[d], n[d]);
  }
  return out;
}

std::string DecisionCounts::canonical_r5() const {
  return fmt::format("{}={}", kDecisionNames[kSeverityChangePermitted], n[kSeverityChangePermitted]);
}

std::uint32_t fnv1a(std::string_view text) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : text) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

std::string fp_hex(std::uint32_t fp) { return fmt::format("{:08x}", fp); }

}  // namespace writ::peers
