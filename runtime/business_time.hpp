#pragma once
// Time as SLAs and measures count it: on a business calendar of the Plan (open hours only),
// or, for calendar index -1, wall-clock time.
#include <cstdint>
#include <optional>

#include "compiler/plan.hpp"

namespace writ::runtime {

class BusinessTime {
 public:
  explicit BusinessTime(const compiler::Plan& plan) : plan_(&plan) {}

  // Counted time in [from, to).
  std::int64_t elapsed(std::int32_t calendar, std::int64_t from, std::int64_t to) const;
  // When `duration` of counted time from `from` has passed; nullopt when the calendar never
  // gets there (no open hours within its horizon).
  std::optional<std::int64_t> add(std::int32_t calendar, std::int64_t from, std::int64_t duration) const;

 private:
  const compiler::Plan* plan_;
};

}  // namespace writ::runtime
