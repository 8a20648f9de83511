#include "compiler/set_arena.hpp"

#include <algorithm>

namespace writ::compiler {

SetRef SetArena::build(const std::uint32_t* ids, std::size_t count) {
  std::vector<std::uint32_t>& set = sets_.emplace_back(ids, ids + count);
  std::sort(set.begin(), set.end());
  set.erase(std::unique(set.begin(), set.end()), set.end());
  return SetRef{set.data(), static_cast<std::int64_t>(set.size())};
}

}  // namespace writ::compiler
