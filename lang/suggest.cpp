#include "lang/suggest.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace writ::lang::detail {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rolling rows: the swap rule looks two rows back.
  std::vector<std::size_t> before(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], before[j - 2] + 1);
      }
    }
    before.swap(prev);
    prev.swap(cur);
  }
  return prev[b.size()];
}

std::vector<std::string> closest_names(std::string_view name, const std::vector<std::string>& candidates) {
  std::size_t limit = std::max<std::size_t>(1, name.size() / 3);
  std::vector<std::string> best;
  std::size_t best_distance = limit;
  for (const auto& candidate : candidates) {
    if (candidate == name) continue;
    std::size_t d = edit_distance(name, candidate);
    if (d > best_distance) continue;
    if (d < best_distance) {
      best_distance = d;
      best.clear();
    }
    if (d == best_distance) best.push_back(candidate);
  }
  return best;
}

std::optional<std::string> closest_name(std::string_view name, const std::vector<std::string>& candidates) {
  auto best = closest_names(name, candidates);
  if (best.empty()) return std::nullopt;
  return best.front();
}

std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates) {
  auto best = closest_name(name, candidates);
  return best ? fmt::format("did you mean `{}`?", *best) : std::string{};
}

}  // namespace writ::lang::detail
