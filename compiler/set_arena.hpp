#pragma once
// Storage for sets built during evaluation (a set literal with non-literal elements, such as
// `{event.service, "db"}`). The caller owns the arena and clears it between evaluations;
// SetRefs it handed out stay valid until then.
#include <cstdint>
#include <deque>
#include <vector>

#include "compiler/eval_context.hpp"

namespace writ::compiler {

class SetArena {
 public:
  // Sorts and removes repeats: the canonical form every set has.
  SetRef build(const std::uint32_t* ids, std::size_t count);
  void clear() { sets_.clear(); }

 private:
  std::deque<std::vector<std::uint32_t>> sets_;
};

}  // namespace writ::compiler
