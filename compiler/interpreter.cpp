#include "compiler/interpreter.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "compiler/record_layout.hpp"
#include "stdlib/builtins.hpp"

namespace writ::compiler {

namespace {

using ir::Node;
using ir::Op;
using Ids = std::vector<std::uint32_t>;

constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

// Wrapping arithmetic without undefined behaviour: unsigned arithmetic is modular, and the
// conversion back to int64 is two's complement (C++20).
std::int64_t wrap_add(std::int64_t a, std::int64_t b) { return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) + static_cast<std::uint64_t>(b)); }
std::int64_t wrap_sub(std::int64_t a, std::int64_t b) { return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(b)); }
std::int64_t wrap_mul(std::int64_t a, std::int64_t b) { return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) * static_cast<std::uint64_t>(b)); }

std::int64_t divide(std::int64_t a, std::int64_t b) {
  if (b == 0) return 0;
  if (a == kMin && b == -1) return kMin;
  return a / b;
}

std::int64_t remainder_of(std::int64_t a, std::int64_t b) {
  if (b == 0) return a;
  if (b == -1) return 0;
  return a % b;
}

const std::int64_t* record(const EvalContext& ctx, RecordSource source) {
  const std::int64_t* words = nullptr;
  switch (source) {
    case RecordSource::Event: words = ctx.event; break;
    case RecordSource::State: words = ctx.state; break;
    case RecordSource::Global: words = ctx.global; break;
    case RecordSource::Started: words = ctx.started; break;
  }
  if (!words) throw std::invalid_argument("the evaluation context lacks a record the expression reads");
  return words;
}

Ids load_set(const std::int64_t* words, std::uint32_t word) {
  std::uintptr_t address = 0;
  std::memcpy(&address, &words[word], sizeof address);
  const auto* data = reinterpret_cast<const std::uint32_t*>(address);
  return Ids(data, data + words[word + 1]);
}

bool intersects(const Ids& a, const Ids& b) {
  return std::any_of(b.begin(), b.end(), [&](std::uint32_t id) { return std::binary_search(a.begin(), a.end(), id); });
}

Value scalar(std::int64_t v) { return Value{v, {}}; }
Value boolean(bool v) { return scalar(v ? 1 : 0); }

Value eval(const Node& n, const EvalContext& ctx);

std::int64_t arg(const Node& n, std::size_t i, const EvalContext& ctx) { return eval(*n.args[i], ctx).scalar; }
Ids set_arg(const Node& n, std::size_t i, const EvalContext& ctx) { return eval(*n.args[i], ctx).set; }

Value eval_switch(const Node& n, const EvalContext& ctx) {
  std::vector<std::int64_t> keys;
  for (std::size_t i = 0; i < n.args.size(); ++i) keys.push_back(arg(n, i, ctx));
  for (const ir::Case& c : n.cases) {
    if (c.keys == keys) return eval(*c.value, ctx);
  }
  return eval(*n.otherwise, ctx);
}

Value eval(const Node& n, const EvalContext& ctx) {
  switch (n.op) {
    case Op::Const: return scalar(n.value);
    case Op::ConstSet: return Value{0, n.set};
    case Op::Load: return scalar(record(ctx, n.source)[n.word]);
    case Op::LoadSet: return Value{0, load_set(record(ctx, n.source), n.word)};
    case Op::Present: {
      auto bits = static_cast<std::uint64_t>(record(ctx, n.source)[presence_word(n.bit)]);
      return boolean((bits & presence_mask(n.bit)) != 0);
    }
    case Op::Now: return scalar(ctx.now);
    case Op::Not: return boolean(arg(n, 0, ctx) == 0);
    case Op::Neg: return scalar(wrap_sub(0, arg(n, 0, ctx)));
    case Op::And: return boolean(arg(n, 0, ctx) != 0 && arg(n, 1, ctx) != 0);
    case Op::Or: return boolean(arg(n, 0, ctx) != 0 || arg(n, 1, ctx) != 0);
    case Op::Eq: return boolean(arg(n, 0, ctx) == arg(n, 1, ctx));
    case Op::Ne: return boolean(arg(n, 0, ctx) != arg(n, 1, ctx));
    case Op::Lt: return boolean(arg(n, 0, ctx) < arg(n, 1, ctx));
    case Op::Le: return boolean(arg(n, 0, ctx) <= arg(n, 1, ctx));
    case Op::Gt: return boolean(arg(n, 0, ctx) > arg(n, 1, ctx));
    case Op::Ge: return boolean(arg(n, 0, ctx) >= arg(n, 1, ctx));
    case Op::SetEq: return boolean(set_arg(n, 0, ctx) == set_arg(n, 1, ctx));
    case Op::Add: return scalar(wrap_add(arg(n, 0, ctx), arg(n, 1, ctx)));
    case Op::Sub: return scalar(wrap_sub(arg(n, 0, ctx), arg(n, 1, ctx)));
    case Op::Mul: return scalar(wrap_mul(arg(n, 0, ctx), arg(n, 1, ctx)));
    case Op::Div: return scalar(divide(arg(n, 0, ctx), arg(n, 1, ctx)));
    case Op::Mod: return scalar(remainder_of(arg(n, 0, ctx), arg(n, 1, ctx)));
    case Op::Min: return scalar(std::min(arg(n, 0, ctx), arg(n, 1, ctx)));
    case Op::Max: return scalar(std::max(arg(n, 0, ctx), arg(n, 1, ctx)));
    case Op::In: {
      auto id = static_cast<std::uint32_t>(arg(n, 0, ctx));
      Ids set = set_arg(n, 1, ctx);
      return boolean(std::find(set.begin(), set.end(), id) != set.end());
    }
    case Op::ContainsAll: {
      Ids a = set_arg(n, 0, ctx);
      Ids b = set_arg(n, 1, ctx);
      return boolean(std::all_of(b.begin(), b.end(), [&](std::uint32_t id) { return std::binary_search(a.begin(), a.end(), id); }));
    }
    case Op::ContainsAny: return boolean(intersects(set_arg(n, 0, ctx), set_arg(n, 1, ctx)));
    case Op::Len: return scalar(static_cast<std::int64_t>(set_arg(n, 0, ctx).size()));
    case Op::MakeSet: {
      Ids ids;
      for (std::size_t i = 0; i < n.args.size(); ++i) ids.push_back(static_cast<std::uint32_t>(arg(n, i, ctx)));
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
      return Value{0, std::move(ids)};
    }
    case Op::Lower: return scalar(writ_lower(ctx.strings, static_cast<std::uint32_t>(arg(n, 0, ctx))));
    case Op::StartsWith:
      return boolean(writ_starts_with(ctx.strings, static_cast<std::uint32_t>(arg(n, 0, ctx)),
                                      static_cast<std::uint32_t>(arg(n, 1, ctx))));
    case Op::BusinessElapsed:
      return scalar(writ_business_elapsed(ctx.calendars, ctx.calendar_count, n.value, arg(n, 0, ctx), arg(n, 1, ctx)));
    case Op::If: return arg(n, 0, ctx) != 0 ? eval(*n.args[1], ctx) : eval(*n.args[2], ctx);
    case Op::Switch: return eval_switch(n, ctx);
  }
  throw std::logic_error("unknown IR op");
}

}  // namespace

Value Interpreter::evaluate(std::size_t index, const EvalContext& ctx) { return eval(*functions_->at(index).body, ctx); }

Value Interpreter::evaluate_node(const ir::Node& node, const EvalContext& ctx) { return eval(node, ctx); }

}  // namespace writ::compiler
