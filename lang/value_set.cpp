#include "lang/value_set.hpp"

#include <algorithm>
#include <iterator>

namespace writ::lang::detail {

ValueSet ValueSet::all_numbers(std::int64_t lo, std::int64_t hi) {
  ValueSet s;
  s.lo_ = lo;
  s.hi_ = hi;
  if (lo <= hi) s.ranges_.push_back({lo, hi});
  return s;
}

ValueSet ValueSet::all_strings() {
  ValueSet s;
  s.strings_ = true;
  s.cofinite_ = true;
  return s;
}

ValueSet ValueSet::with_ranges(std::vector<Range> ranges) const {
  ValueSet s = all_numbers(lo_, hi_);
  s.ranges_.clear();
  std::sort(ranges.begin(), ranges.end());
  for (auto [a, b] : ranges) {
    a = std::max(a, lo_);
    b = std::min(b, hi_);
    if (a > b) continue;
    // Merge with the previous range when they overlap or touch (written to avoid overflow).
    if (!s.ranges_.empty() && (s.ranges_.back().second >= a || s.ranges_.back().second == a - 1)) {
      s.ranges_.back().second = std::max(s.ranges_.back().second, b);
    } else {
      s.ranges_.push_back({a, b});
    }
  }
  return s;
}

ValueSet ValueSet::none() const {
  ValueSet s = *this;
  s.ranges_.clear();
  s.listed_.clear();
  s.cofinite_ = false;
  return s;
}

ValueSet ValueSet::only(std::int64_t value) const { return with_ranges({{value, value}}); }

ValueSet ValueSet::only_strings(std::set<std::string> values) const {
  ValueSet s = none();
  s.listed_ = std::move(values);
  return s;
}

ValueSet ValueSet::at_most(std::int64_t value) const { return with_ranges({{lo_, value}}); }

ValueSet ValueSet::at_least(std::int64_t value) const { return with_ranges({{value, hi_}}); }

ValueSet ValueSet::unite(const ValueSet& other) const {
  if (!strings_) {
    std::vector<Range> all = ranges_;
    all.insert(all.end(), other.ranges_.begin(), other.ranges_.end());
    return with_ranges(std::move(all));
  }
  ValueSet s = none();
  const std::set<std::string>& a = listed_;
  const std::set<std::string>& b = other.listed_;
  auto out = std::inserter(s.listed_, s.listed_.end());
  s.cofinite_ = cofinite_ || other.cofinite_;
  if (!cofinite_ && !other.cofinite_) {
    std::set_union(a.begin(), a.end(), b.begin(), b.end(), out);
  } else if (cofinite_ && other.cofinite_) {
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), out);
  } else if (cofinite_) {
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), out);
  } else {
    std::set_difference(b.begin(), b.end(), a.begin(), a.end(), out);
  }
  return s;
}

ValueSet ValueSet::complement() const {
  if (strings_) {
    ValueSet s = *this;
    s.cofinite_ = !cofinite_;
    return s;
  }
  std::vector<Range> gaps;
  std::int64_t next = lo_;
  bool open = true;  // whether `next` still lies inside the domain
  for (auto [a, b] : ranges_) {
    if (open && a > next) gaps.push_back({next, a - 1});
    open = b < hi_;
    if (open) next = b + 1;
  }
  if (open && next <= hi_) gaps.push_back({next, hi_});
  return with_ranges(std::move(gaps));
}

ValueSet ValueSet::intersect(const ValueSet& other) const {
  return complement().unite(other.complement()).complement();
}

bool ValueSet::subset_of(const ValueSet& other) const { return intersect(other.complement()).empty(); }

bool ValueSet::empty() const { return strings_ ? !cofinite_ && listed_.empty() : ranges_.empty(); }

bool ValueSet::full() const { return complement().empty(); }

}  // namespace writ::lang::detail
