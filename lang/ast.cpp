#include "lang/ast.hpp"

namespace writ::lang {

std::string Path::str() const {
  std::string out;
  for (const auto& part : parts) {
    if (!out.empty()) out += '.';
    out += part.text;
  }
  return out;
}

const Span& decl_span(const Decl& decl) {
  return std::visit([](const auto& d) -> const Span& { return d.span; }, decl);
}

const Annotations& decl_annotations(const Decl& decl) {
  return std::visit([](const auto& d) -> const Annotations& { return d.annotations; }, decl);
}

const char* binary_op_text(BinaryOp op) {
  switch (op) {
    case BinaryOp::Or: return "or";
    case BinaryOp::And: return "and";
    case BinaryOp::Eq: return "==";
    case BinaryOp::Ne: return "!=";
    case BinaryOp::Lt: return "<";
    case BinaryOp::Le: return "<=";
    case BinaryOp::Gt: return ">";
    case BinaryOp::Ge: return ">=";
    case BinaryOp::In: return "in";
    case BinaryOp::NotIn: return "not in";
    case BinaryOp::Contains: return "contains";
    case BinaryOp::ContainsAll: return "contains all";
    case BinaryOp::ContainsAny: return "contains any";
    case BinaryOp::Add: return "+";
    case BinaryOp::Sub: return "-";
    case BinaryOp::Mul: return "*";
    case BinaryOp::Div: return "/";
    case BinaryOp::Mod: return "%";
  }
  return "?";
}

const char* weekday_text(Weekday day) {
  switch (day) {
    case Weekday::Mon: return "mon";
    case Weekday::Tue: return "tue";
    case Weekday::Wed: return "wed";
    case Weekday::Thu: return "thu";
    case Weekday::Fri: return "fri";
    case Weekday::Sat: return "sat";
    case Weekday::Sun: return "sun";
  }
  return "?";
}

}  // namespace writ::lang
