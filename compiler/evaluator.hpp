#pragma once
// The one interface both engines implement: evaluate compiled expression `index` in a
// context. The differential tests and the runtime see only this.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "compiler/eval_context.hpp"

namespace writ::compiler {

// A result: `scalar` for every type but set<string>, whose sorted ids are in `set`.
struct Value {
  std::int64_t scalar = 0;
  std::vector<std::uint32_t> set;
  bool operator==(const Value&) const = default;
};

class Evaluator {
 public:
  virtual ~Evaluator() = default;
  virtual std::size_t size() const = 0;
  // `ctx.arena` may be cleared once the Value is returned.
  virtual Value evaluate(std::size_t index, const EvalContext& ctx) = 0;
};

}  // namespace writ::compiler
