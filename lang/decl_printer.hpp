#pragma once
// Writes each declaration of a module in the canonical layout through a LineWriter. The
// order of top-level items and the blank lines between them are format_module's business.
#include <cstdint>
#include <string>
#include <vector>

#include "lang/ast.hpp"
#include "lang/expr_printer.hpp"
#include "lang/line_writer.hpp"

namespace writ::lang {

// One action in canonical form, on one line: `notify "on-call" message "..."`.
std::string action_text(const Action& a, ExprForm form = ExprForm::Canonical);
// The same with its expressions in normalized form (normalized_expr_text), for auditors.
std::string normalized_action_text(const Action& a);

class DeclPrinter {
 public:
  explicit DeclPrinter(LineWriter& writer) : w_(writer) {}

  void header(const PolicyHeader& header, bool has_imports);
  void import(const Import& import);
  void decl(const Decl& decl);
  // Whether a schema or an enum is written on one line (then it groups with its neighbours).
  bool on_one_line(const EventDecl& decl) const;
  bool on_one_line(const EnumDecl& decl) const;

 private:
  struct ListItem {
    std::uint32_t anchor;
    std::string text;
  };
  static std::vector<ListItem> event_items(const EventDecl& d);
  static std::vector<ListItem> enum_items(const EnumDecl& d);

  // Data declarations (decl_printer.cpp).
  void print(const EnumDecl& d);
  void print(const ConstDecl& d);
  void print(const EventDecl& d);
  void print(const StateDecl& d);
  void print(const TableDecl& d);
  void print(const CalendarDecl& d);
  void print(const ServicesDecl& d);
  // Behaviour declarations (behaviour_printer.cpp).
  void print(const ClassifyDecl& d);
  void print(const RuleDecl& d);
  void print(const PermitDecl& d);
  void print(const GuardDecl& d);
  void print(const SuppressDecl& d);
  void print(const CorrelateDecl& d);
  void print(const SlaDecl& d);
  void print(const EscalationDecl& d);
  void print(const ObligationDecl& d);
  void print(const FreezeDecl& d);
  void print(const MeasureDecl& d);
  void print(const TestDecl& d);

  // Annotations on a line of their own (or one per line when they do not fit), then the
  // first line of the declaration.
  void head(const Annotations& annotations, const Span& span, const std::string& text);
  // Where the declaration's own text begins: after its annotations.
  std::uint32_t keyword_anchor(const Annotations& annotations, const Span& span) const;
  // `text {` + body + `}`; `text {}` when the body is empty and holds no comment.
  template <typename Body>
  void block(const Annotations& annotations, const Span& span, const std::string& text, bool empty,
             Body body);
  // `text { a, b }` on one line when it fits and holds no comment, else one item per line.
  void braced_list(const Annotations& annotations, const Span& span, const std::string& text,
                   const std::vector<ListItem>& items);
  std::string list_line(const std::string& text, const std::vector<ListItem>& items) const;
  bool list_on_one_line(const Annotations& annotations, const Span& span, const std::string& text,
                        const std::vector<ListItem>& items) const;
  void closed_lines(const std::vector<ClosedDays>& closed);
  // `rule NAME on T when C {` on one line when it fits, else `when C` on its own line.
  template <typename Body>
  void when_block(const Annotations& annotations, const Span& span, const std::string& text,
                  const ExprPtr& condition, bool empty, Body body);

  void actions(const Actions& actions);
  void action(const Action& action);
  // `breach { escalate x }` when one action fits, else a block; `bare` writes the single
  // action without braces (`level 1: notify "x"`).
  void action_block(std::uint32_t anchor, const Span& span, const std::string& text,
                    const Actions& actions, bool bare = false);
  void trigger(const std::string& keyword, const Trigger& trigger);
  void test_at(const TestAt& at);
  void test_expect(const TestExpect& expect);

  LineWriter& w_;
};

namespace detail {
// An expression's canonical text; empty for a part a recovering parser left out.
std::string text(const ExprPtr& expr);
}  // namespace detail

template <typename Body>
void DeclPrinter::block(const Annotations& annotations, const Span& span, const std::string& text,
                        bool empty, Body body) {
  if (empty && !w_.has_comment_in({span.file, keyword_anchor(annotations, span), span.end})) {
    head(annotations, span, text + " {}");
    return;
  }
  head(annotations, span, text + " {");
  w_.open_block();
  body();
  w_.close_block(span.end);
}

template <typename Body>
void DeclPrinter::when_block(const Annotations& annotations, const Span& span, const std::string& text,
                             const ExprPtr& condition, bool empty, Body body) {
  if (!condition) return block(annotations, span, text, empty, body);
  std::string when = "when " + detail::text(condition);
  if (w_.fits(text + " " + when + " {")) return block(annotations, span, text + " " + when, empty, body);
  head(annotations, span, text);
  w_.indent();
  w_.continuation(condition->span.begin, when);
  w_.dedent();
  w_.continuation(w_.next_code(condition->span.end), "{");
  w_.open_block();
  body();
  w_.close_block(span.end);
}

}  // namespace writ::lang
