#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>

#include "runtime/summary_stats.hpp"

using writ::runtime::summarise;

TEST_CASE("summary stats: an odd count has one middle value") {
  auto s = summarise({30, 10, 20});
  CHECK(s.count == 3);
  CHECK(s.median_ms == 20);
  CHECK(s.mean_ms == 20);
  CHECK(s.p90_ms == 30);
}

TEST_CASE("summary stats: an even count takes the floor of the two middle values' mean") {
  auto s = summarise({1, 2, 3, 4});
  CHECK(s.median_ms == 2);  // (2 + 3) / 2 = 2.5, rounded down
  CHECK(s.mean_ms == 2);    // 10 / 4 = 2.5, rounded down
  CHECK(summarise({-3, -2}).median_ms == -3);
  CHECK(summarise({-3, -2}).mean_ms == -3);
}

TEST_CASE("summary stats: p90 is the nearest rank ceil(0.9 n)") {
  CHECK(summarise({5}).p90_ms == 5);
  CHECK(summarise({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}).p90_ms == 9);  // rank 9
  CHECK(summarise({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}).p90_ms == 10);  // rank ceil(9.9) = 10
  CHECK(summarise({1, 2}).p90_ms == 2);  // rank ceil(1.8) = 2
}

TEST_CASE("summary stats: no values, and values whose sum would overflow") {
  CHECK(summarise({}).count == 0);
  const std::int64_t big = std::numeric_limits<std::int64_t>::max() - 1;
  auto s = summarise({big, big, big});
  CHECK(s.mean_ms == big);
  CHECK(summarise({big, big + 1}).median_ms == big);
}
