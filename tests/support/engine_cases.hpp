#pragma once
// Test helper shared by the interpreter and JIT tests: the edge cases of docs/semantics.md
// as IR, with the result every engine must give.
#include <cstdint>
#include <limits>
#include <vector>

#include "compiler/ir.hpp"

namespace writ::test {

struct ArithmeticCase {
  compiler::ir::Op op;
  std::int64_t a, b, expected;
};

inline const std::vector<ArithmeticCase>& arithmetic_cases() {
  using compiler::ir::Op;
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
  static const std::vector<ArithmeticCase> cases = {
      {Op::Add, kMax, 1, kMin},   {Op::Sub, kMin, 1, kMax},    {Op::Mul, kMax, 2, -2},
      {Op::Mul, kMin, -1, kMin},  {Op::Div, 7, 0, 0},          {Op::Mod, 7, 0, 7},
      {Op::Div, kMin, -1, kMin},  {Op::Mod, kMin, -1, 0},      {Op::Div, -7, 2, -3},
      {Op::Mod, -7, 2, -1},       {Op::Mod, 7, -2, 1},         {Op::Div, kMin, 0, 0},
      {Op::Mod, kMin, 0, kMin},   {Op::Div, 5, -1, -5},        {Op::Min, kMin, kMax, kMin},
      {Op::Max, -1, 0, 0},        {Op::Lt, kMin, kMax, 1},     {Op::Ge, -1, 0, 0},
      {Op::Eq, kMin, kMin, 1},    {Op::Ne, 1, 2, 1},
  };
  return cases;
}

inline compiler::ir::NodePtr binary(compiler::ir::Op op, std::int64_t a, std::int64_t b) {
  std::vector<compiler::ir::NodePtr> args;
  args.push_back(compiler::ir::make_const(a));
  args.push_back(compiler::ir::make_const(b));
  return compiler::ir::make_op(op, false, std::move(args));
}

}  // namespace writ::test
