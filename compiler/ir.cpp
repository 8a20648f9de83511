#include "compiler/ir.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace writ::compiler::ir {

namespace {

const char* source_name(RecordSource source) {
  switch (source) {
    case RecordSource::Event: return "event";
    case RecordSource::State: return "state";
    case RecordSource::Global: return "global";
    case RecordSource::Started: return "started";
  }
  return "?";
}

}  // namespace

const char* op_name(Op op) {
  switch (op) {
    case Op::Const: return "const";
    case Op::ConstSet: return "const-set";
    case Op::Load: return "load";
    case Op::LoadSet: return "load-set";
    case Op::Present: return "present";
    case Op::Now: return "now";
    case Op::Not: return "not";
    case Op::Neg: return "neg";
    case Op::And: return "and";
    case Op::Or: return "or";
    case Op::Eq: return "eq";
    case Op::Ne: return "ne";
    case Op::Lt: return "lt";
    case Op::Le: return "le";
    case Op::Gt: return "gt";
    case Op::Ge: return "ge";
    case Op::SetEq: return "set-eq";
    case Op::Add: return "add";
    case Op::Sub: return "sub";
    case Op::Mul: return "mul";
    case Op::Div: return "div";
    case Op::Mod: return "mod";
    case Op::Min: return "min";
    case Op::Max: return "max";
    case Op::In: return "in";
    case Op::ContainsAll: return "contains-all";
    case Op::ContainsAny: return "contains-any";
    case Op::Len: return "len";
    case Op::MakeSet: return "make-set";
    case Op::Lower: return "lower";
    case Op::StartsWith: return "starts-with";
    case Op::BusinessElapsed: return "business-elapsed";
    case Op::If: return "if";
    case Op::Switch: return "switch";
  }
  return "?";
}

std::string to_string(const Node& node) {
  std::string out = fmt::format("({}", op_name(node.op));
  switch (node.op) {
    case Op::Const: out += fmt::format(" {}", node.value); break;
    case Op::ConstSet: out += fmt::format(" {{{}}}", fmt::join(node.set, " ")); break;
    case Op::Load:
    case Op::LoadSet: out += fmt::format(" {} {}", source_name(node.source), node.word); break;
    case Op::Present: out += fmt::format(" {} bit {}", source_name(node.source), node.bit); break;
    default: break;
  }
  for (const NodePtr& arg : node.args) out += " " + to_string(*arg);
  for (const Case& c : node.cases) out += fmt::format(" [{}] => {}", fmt::join(c.keys, " "), to_string(*c.value));
  if (node.otherwise) out += " otherwise => " + to_string(*node.otherwise);
  return out + ")";
}

NodePtr make_const(std::int64_t value) {
  auto node = std::make_unique<Node>();
  node->op = Op::Const;
  node->value = value;
  return node;
}

NodePtr make_const_set(std::vector<std::uint32_t> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  auto node = std::make_unique<Node>();
  node->op = Op::ConstSet;
  node->is_set = true;
  node->set = std::move(ids);
  return node;
}

NodePtr make_op(Op op, bool is_set, std::vector<NodePtr> args) {
  auto node = std::make_unique<Node>();
  node->op = op;
  node->is_set = is_set;
  node->args = std::move(args);
  return node;
}

}  // namespace writ::compiler::ir
