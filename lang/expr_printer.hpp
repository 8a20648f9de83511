#pragma once
// The canonical text of expressions and of the small pieces declarations are made of
// (types, messages, annotations), each on one line. Used by the formatter and by anything
// that shows a piece of policy back to its author.
#include <string>

#include "lang/ast.hpp"

namespace writ::lang {

enum class ExprForm {
  // The author's parentheses (Expr::parenthesized) are kept; parentheses the precedence
  // table needs are added, so a tree built by hand prints as text that parses back to it.
  Canonical,
  // The form `writ explain` shows auditors: every operation inside another one
  // parenthesised (`(a and b) or (not c)`), the author's own parentheses dropped.
  Normalized,
};

std::string expr_text(const Expr& expr, ExprForm form = ExprForm::Canonical);
std::string normalized_expr_text(const Expr& expr);
// `"text {expr} more"`, with `\{` for a literal brace.
std::string message_text(const Message& message, ExprForm form = ExprForm::Canonical);
// The same with every hole in normalized form.
std::string normalized_message_text(const Message& message);
// `int`, `set<string>`, `itil.Priority`, `string?`.
std::string type_ref_text(const TypeRef& type);
// `@name` or `@name("a", "b")`.
std::string annotation_text(const Annotation& annotation);

}  // namespace writ::lang
