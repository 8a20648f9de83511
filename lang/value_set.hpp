#pragma once
// A set of values of one field, to reason about which classify rows can match. Numbers
// (ints, durations, times, bools as 0/1, enum positions) are unions of closed ranges inside
// their domain; strings are a finite list, or everything except a finite list.
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace writ::lang::detail {

class ValueSet {
 public:
  // Every number in [lo, hi], or every string.
  static ValueSet all_numbers(std::int64_t lo, std::int64_t hi);
  static ValueSet all_strings();

  // Sets of the same domain as this one.
  ValueSet none() const;
  ValueSet only(std::int64_t value) const;
  ValueSet only_strings(std::set<std::string> values) const;
  ValueSet at_most(std::int64_t value) const;   // values <= value
  ValueSet at_least(std::int64_t value) const;  // values >= value

  ValueSet unite(const ValueSet& other) const;
  ValueSet intersect(const ValueSet& other) const;
  ValueSet complement() const;
  bool subset_of(const ValueSet& other) const;
  bool empty() const;
  bool full() const;
  bool is_strings() const { return strings_; }

 private:
  using Range = std::pair<std::int64_t, std::int64_t>;
  ValueSet with_ranges(std::vector<Range> ranges) const;

  bool strings_ = false;
  std::int64_t lo_ = 0;
  std::int64_t hi_ = 0;
  std::vector<Range> ranges_;   // numbers: sorted, disjoint, not touching, inside [lo_, hi_]
  std::set<std::string> listed_;  // strings: the listed values ...
  bool cofinite_ = false;         // ... or, when set, everything but them
};

}  // namespace writ::lang::detail
