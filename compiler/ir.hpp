#pragma once
// The typed expression IR both engines run. A tree: every node has a value kind (a scalar
// in one int64, or a set), its operands, and for loads the record and word to read. The
// lowering (lower_expr.cpp) has already resolved names to words, consts to their values,
// enum values to their indexes and string literals to ids, so neither engine sees the AST.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "compiler/eval_context.hpp"
#include "lang/types.hpp"

namespace writ::compiler::ir {

enum class Op {
  Const,     // scalar `value`
  ConstSet,  // `set`: sorted ids without repeats
  Load,      // scalar word `word` of record `source`
  LoadSet,   // set at words `word` (pointer) and `word + 1` (length) of `source`
  Present,   // presence bit `bit` of `source`: has(x)
  Now,       // the context's `now`
  Not, Neg,  // Neg wraps: -INT64_MIN is INT64_MIN
  And, Or,   // short-circuit: the right operand runs only when it decides
  Eq, Ne, Lt, Le, Gt, Ge,  // scalars, signed
  SetEq,                   // two sets, element for element
  Add, Sub, Mul,           // wrapping two's complement
  Div, Mod,                // truncating; x / 0 == 0, x % 0 == x, INT64_MIN / -1 == INT64_MIN
  Min, Max,                // signed
  In,                      // string args[0] is in set args[1]
  ContainsAll, ContainsAny,  // set args[0] holds all / any of set args[1]
  Len,                     // number of elements of a set
  MakeSet,                 // a set of the string operands, sorted, repeats removed
  Lower, StartsWith,       // the built-ins of stdlib/builtins.hpp
  BusinessElapsed,         // open time of calendar `value` in [args[0], args[1])
  If,                      // args: condition, then, else; only the chosen branch runs
  Switch,                  // a table lookup: args are the keys; the first case whose keys all
                           // equal them gives the value, else `otherwise`
};

struct Node;
using NodePtr = std::unique_ptr<Node>;

struct Case {
  std::vector<std::int64_t> keys;  // constant scalars, one per key
  NodePtr value;
};

struct Node {
  Op op = Op::Const;
  bool is_set = false;  // the value is a set, not a scalar
  std::int64_t value = 0;
  std::vector<std::uint32_t> set;
  RecordSource source = RecordSource::Event;
  std::uint32_t word = 0;
  int bit = 0;
  std::vector<NodePtr> args;
  std::vector<Case> cases;  // Switch
  NodePtr otherwise;        // Switch
};

// One compiled expression: what codegen turns into one native function.
struct Function {
  std::string name;  // the native symbol
  lang::Type type;   // the Writ type of the result
  NodePtr body;
};

const char* op_name(Op op);
// A one-line s-expression, for tests and debugging: `(add (load event 7) (const 1))`.
std::string to_string(const Node& node);

// Builders that keep the node shapes in one place.
NodePtr make_const(std::int64_t value);
NodePtr make_const_set(std::vector<std::uint32_t> ids);  // sorts and removes repeats
NodePtr make_op(Op op, bool is_set, std::vector<NodePtr> args);

}  // namespace writ::compiler::ir
