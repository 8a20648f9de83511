#include "lang/expr_printer.hpp"

#include <fmt/format.h>

#include "lang/literals.hpp"

namespace writ::lang {

namespace {

// Binding strength, the levels of the reference's precedence table: a higher level binds
// tighter; an operand below the level its position needs is put in parentheses.
constexpr int kIfLevel = 1;
constexpr int kNotLevel = 4;
constexpr int kCompareLevel = 5;
constexpr int kNegLevel = 8;
constexpr int kAtomLevel = 9;

int binary_level(BinaryOp op) {
  switch (op) {
    case BinaryOp::Or: return 2;
    case BinaryOp::And: return 3;
    case BinaryOp::Add:
    case BinaryOp::Sub: return 6;
    case BinaryOp::Mul:
    case BinaryOp::Div:
    case BinaryOp::Mod: return 7;
    default: return kCompareLevel;
  }
}

int level_of(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::If: return kIfLevel;
    case Expr::Kind::Unary: return e.unary_op == UnaryOp::Not ? kNotLevel : kNegLevel;
    case Expr::Kind::Binary: return binary_level(e.binary_op);
    default: return kAtomLevel;
  }
}

// Prints one expression tree in one form; the form travels with the printer rather than
// through every call.
class Printer {
 public:
  explicit Printer(ExprForm form) : form_(form) {}

  std::string print(const ExprPtr& e, int min_level) const {
    // A parser that recovered from a syntax error may leave a part empty; print nothing.
    return e ? print(*e, min_level) : std::string();
  }

  std::string print(const Expr& e, int min_level) const {
    std::string text = bare_text(e);
    bool operation = e.kind == Expr::Kind::Unary || e.kind == Expr::Kind::Binary || e.kind == Expr::Kind::If;
    // For auditors (`writ explain`): every operation in parentheses, whatever the
    // precedence table says, so the reading never depends on knowing it.
    if (form_ == ExprForm::Normalized) return operation && min_level > kIfLevel ? "(" + text + ")" : text;
    if (e.parenthesized || level_of(e) < min_level) return "(" + text + ")";
    return text;
  }

 private:
  std::string join_exprs(const std::vector<ExprPtr>& items) const {
    std::string out;
    for (const auto& item : items) {
      if (!out.empty()) out += ", ";
      out += print(item, kIfLevel);
    }
    return out;
  }

  std::string binary_text(const Expr& e) const {
    int level = binary_level(e.binary_op);
    // Left-associative levels take an equal level on the left only; comparisons chain with
    // neither side.
    int left = level == kCompareLevel ? level + 1 : level;
    return fmt::format("{} {} {}", print(e.lhs, left), binary_op_text(e.binary_op), print(e.rhs, level + 1));
  }

  std::string bare_text(const Expr& e) const {
    switch (e.kind) {
      case Expr::Kind::Bool: return e.bool_value ? "true" : "false";
      case Expr::Kind::Int: return std::to_string(e.int_value);
      case Expr::Kind::String: return quote_string(e.string_value);
      case Expr::Kind::Duration: return format_duration(e.int_value);
      case Expr::Kind::Time: return format_time(e.int_value);
      case Expr::Kind::Set: return "{" + join_exprs(e.items) + "}";
      case Expr::Kind::Name: return e.name.str();
      case Expr::Kind::Call: return e.name.str() + "(" + join_exprs(e.items) + ")";
      case Expr::Kind::Unary: {
        if (e.unary_op == UnaryOp::Not) return "not " + print(e.lhs, kNotLevel);
        std::string operand = print(e.lhs, kNegLevel);
        // `- -x`, not `--x`, which reads as one operator.
        return (operand.starts_with("-") ? "- " : "-") + operand;
      }
      case Expr::Kind::Binary: return binary_text(e);
      case Expr::Kind::If: {
        auto part = [&](std::size_t i) { return i < e.items.size() ? print(e.items[i], kIfLevel) : std::string(); };
        return fmt::format("if {} then {} else {}", part(0), part(1), part(2));
      }
    }
    return {};
  }

  ExprForm form_;
};

// The inside of a message literal: quote_string's escapes without the quotes.
std::string message_chunk(const std::string& text) {
  std::string quoted = quote_string(text, true);
  return quoted.substr(1, quoted.size() - 2);
}

}  // namespace

std::string expr_text(const Expr& expr, ExprForm form) {
  // Every operand position asks for more than the `if` level, so in normalized form each
  // inner operation is parenthesised and the outermost one is not.
  return Printer(form).print(expr, kIfLevel);
}

std::string normalized_expr_text(const Expr& expr) { return expr_text(expr, ExprForm::Normalized); }

std::string message_text(const Message& message, ExprForm form) {
  std::string out = "\"";
  for (const auto& part : message.parts) {
    out += part.expr ? "{" + expr_text(*part.expr, form) + "}" : message_chunk(part.text);
  }
  return out + "\"";
}

std::string normalized_message_text(const Message& message) { return message_text(message, ExprForm::Normalized); }

std::string type_ref_text(const TypeRef& type) {
  std::string out;
  switch (type.kind) {
    case TypeRef::Kind::Bool: out = "bool"; break;
    case TypeRef::Kind::Int: out = "int"; break;
    case TypeRef::Kind::String: out = "string"; break;
    case TypeRef::Kind::Duration: out = "duration"; break;
    case TypeRef::Kind::Time: out = "time"; break;
    case TypeRef::Kind::SetOfString: out = "set<string>"; break;
    case TypeRef::Kind::Named: out = type.name.str(); break;
  }
  return type.optional ? out + "?" : out;
}

std::string annotation_text(const Annotation& annotation) {
  std::string out = "@" + annotation.name.text;
  if (annotation.args.empty()) return out;
  out += "(";
  for (std::size_t i = 0; i < annotation.args.size(); ++i) {
    if (i > 0) out += ", ";
    out += quote_string(annotation.args[i]);
  }
  return out + ")";
}

}  // namespace writ::lang
