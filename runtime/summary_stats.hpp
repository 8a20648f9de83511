#pragma once
// Count, median, mean and 90th percentile of a list of durations, exactly as docs/report.md
// defines them, so that an independent computation can agree to the millisecond.
#include <cstdint>
#include <vector>

namespace writ::runtime {

struct SummaryStats {
  std::int64_t count = 0;
  // Meaningless (0) when count is 0; ms.
  std::int64_t median_ms = 0;  // the middle value; of an even count, the mean of the two middle values, rounded down
  std::int64_t mean_ms = 0;    // the sum divided by the count, rounded down (towards minus infinity)
  std::int64_t p90_ms = 0;     // nearest rank: the ceil(0.9 * count)-th smallest value
};

SummaryStats summarise(std::vector<std::int64_t> values);

}  // namespace writ::runtime
