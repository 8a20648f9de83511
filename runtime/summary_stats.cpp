#include "runtime/summary_stats.hpp"

#include <algorithm>

namespace writ::runtime {

namespace {

// Division and remainder rounded towards minus infinity (C++ rounds towards zero), d > 0.
std::int64_t floor_div(std::int64_t v, std::int64_t d) { return v / d - (v % d < 0 ? 1 : 0); }
std::int64_t floor_mod(std::int64_t v, std::int64_t d) { return v - floor_div(v, d) * d; }

// floor((low + high) / 2) for low <= high, without overflow: the unsigned gap always fits.
std::int64_t floor_midpoint(std::int64_t low, std::int64_t high) {
  std::uint64_t gap = static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(low);
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(low) + gap / 2);
}

// floor(sum / n) without forming the sum, which may not fit in 64 bits.
std::int64_t floor_mean(const std::vector<std::int64_t>& values) {
  const auto n = static_cast<std::int64_t>(values.size());
  std::int64_t quotient = 0, remainder = 0;  // mean = quotient + remainder / n, 0 <= remainder < n
  for (std::int64_t v : values) {
    quotient += floor_div(v, n);
    remainder += floor_mod(v, n);
    quotient += remainder / n;
    remainder %= n;
  }
  return quotient;
}

}  // namespace

SummaryStats summarise(std::vector<std::int64_t> values) {
  SummaryStats s;
  s.count = static_cast<std::int64_t>(values.size());
  if (values.empty()) return s;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  s.median_ms = n % 2 == 1 ? values[n / 2] : floor_midpoint(values[n / 2 - 1], values[n / 2]);
  s.mean_ms = floor_mean(values);
  std::size_t rank = (9 * n + 9) / 10;  // ceil(0.9 n), at least 1
  s.p90_ms = values[rank - 1];
  return s;
}

}  // namespace writ::runtime
