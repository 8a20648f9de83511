// The dump is a tree of nodes `(head child child ...)`, one node per line, children indented
// by two spaces and the closing parenthesis at the end of the last child's line. Heads carry
// the node's own scalar fields (names, quoted strings, canonical literals); optional parts
// are labelled nodes (`(when ...)`) that are left out when absent, so no two different
// trees share a dump.
#include "lang/ast_dump.hpp"

#include <fmt/format.h>

#include "lang/expr_printer.hpp"
#include "lang/literals.hpp"

namespace writ::lang {

namespace {

struct Node {
  std::string head;
  std::vector<Node> children = {};

  Node& add(Node child) {
    children.push_back(std::move(child));
    return *this;
  }
};

void render(const Node& node, int depth, std::string& out) {
  out.append(static_cast<std::size_t>(depth) * 2, ' ');
  out += "(" + node.head;
  for (const auto& child : node.children) {
    out += '\n';
    render(child, depth + 1, out);
  }
  out += ')';
}

std::string quoted(const std::string& s) { return quote_string(s); }

Node expr(const Expr& e);

// A required part that a recovering parser may have left empty.
Node expr(const ExprPtr& e) { return e ? expr(*e) : Node{"missing"}; }

Node with_items(std::string head, const std::vector<ExprPtr>& items) {
  Node node{std::move(head)};
  for (const auto& item : items) node.add(expr(item));
  return node;
}

Node bare_expr(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::Bool: return {e.bool_value ? "bool true" : "bool false"};
    case Expr::Kind::Int: return {fmt::format("int {}", e.int_value)};
    case Expr::Kind::String: return {"string " + quoted(e.string_value)};
    case Expr::Kind::Duration: return {"duration " + format_duration(e.int_value)};
    case Expr::Kind::Time: return {"time " + format_time(e.int_value)};
    case Expr::Kind::Set: return with_items("set", e.items);
    case Expr::Kind::Name: return {"name " + e.name.str()};
    case Expr::Kind::Call: return with_items("call " + e.name.str(), e.items);
    case Expr::Kind::Unary: return Node{e.unary_op == UnaryOp::Not ? "not" : "neg"}.add(expr(e.lhs));
    case Expr::Kind::Binary:
      return Node{std::string("binary ") + binary_op_text(e.binary_op)}.add(expr(e.lhs)).add(expr(e.rhs));
    case Expr::Kind::If: return with_items("if", e.items);
  }
  return {"?"};
}

Node expr(const Expr& e) {
  Node node = bare_expr(e);
  return e.parenthesized ? Node{"parens", {std::move(node)}} : node;
}

// Adds `(label EXPR)` when the optional part is present.
void add_labelled(Node& node, const char* label, const ExprPtr& e) {
  if (e) node.add(Node{label}.add(expr(*e)));
}

Node message(const Message& m) {
  Node node{"message"};
  for (const auto& part : m.parts) node.add(part.expr ? expr(part.expr) : Node{"text " + quoted(part.text)});
  return node;
}

// A node whose first children are the annotations of what it stands for.
Node annotated(std::string head, const Annotations& annotations) {
  Node node{std::move(head)};
  for (const auto& annotation : annotations) {
    std::string text = "@" + annotation.name.text;
    for (const auto& arg : annotation.args) text += " " + quoted(arg);
    node.add({text});
  }
  return node;
}

Node trigger(const std::string& keyword, const Trigger& t) {
  Node node{keyword + " " + t.event_type.str()};
  add_labelled(node, "when", t.condition);
  return node;
}

const char* action_kind(Action::Kind kind) {
  switch (kind) {
    case Action::Kind::Set: return "set";
    case Action::Kind::Notify: return "notify";
    case Action::Kind::Emit: return "emit";
    case Action::Kind::Escalate: return "escalate";
    case Action::Kind::Stop: return "stop";
    case Action::Kind::OpenTicket: return "open-ticket";
    case Action::Kind::Audit: return "audit";
    case Action::Kind::Close: return "close";
  }
  return "?";
}

// Every part of an action that is present, whatever its kind, so none is hidden.
Node action(const Action& a) {
  Node node{action_kind(a.kind)};
  if (!a.target.parts.empty()) node.head += " " + a.target.str();
  if (a.value) node.add(expr(a.value));
  if (a.message) node.add(message(*a.message));
  for (const auto& field : a.fields) node.add(Node{"field " + field.name.text}.add(expr(field.value)));
  add_labelled(node, "owner", a.owner);
  add_labelled(node, "due", a.due);
  return node;
}

Node action_block(std::string head, const Actions& actions) {
  Node node{std::move(head)};
  for (const auto& a : actions) node.add(action(a));
  return node;
}

Node field_values(const char* head, const std::vector<FieldValue>& fields) {
  Node node{head};
  for (const auto& field : fields) node.add(Node{"field " + field.name.text}.add(expr(field.value)));
  return node;
}

const char* expect_kind(TestExpect::Kind kind) {
  switch (kind) {
    case TestExpect::Kind::Notify: return "notify";
    case TestExpect::Kind::Denied: return "denied";
    case TestExpect::Kind::Allowed: return "allowed";
    case TestExpect::Kind::Breach: return "breach";
    case TestExpect::Kind::Warn: return "warn";
    case TestExpect::Kind::Met: return "met";
    case TestExpect::Kind::Violation: return "violation";
    case TestExpect::Kind::Blocked: return "blocked";
    case TestExpect::Kind::Ticket: return "ticket";
    case TestExpect::Kind::State: return "state";
    case TestExpect::Kind::Global: return "global";
    case TestExpect::Kind::Suppressed: return "suppressed";
    case TestExpect::Kind::Correlated: return "correlated";
    case TestExpect::Kind::Measure: return "measure";
  }
  return "?";
}

Node test_step(const TestStep& step) {
  if (const auto* at = std::get_if<TestAt>(&step.step)) {
    Node node{at->relative ? "at +" : "at"};
    if (at->event_type) node.head += " " + at->event_type->str();
    node.add(expr(at->when));
    for (const auto& field : at->fields) node.add(Node{"field " + field.name.text}.add(expr(field.value)));
    if (at->actor) node.add(field_values("actor", *at->actor));
    return node;
  }
  const auto& e = std::get<TestExpect>(step.step);
  Node node{std::string(e.negated ? "expect no " : "expect ") + expect_kind(e.kind)};
  if (e.because) node.head += " because " + quoted(*e.because);
  if (e.name) node.head += " " + e.name->str();
  if (!e.state_field.text.empty()) node.head += " ." + e.state_field.text;
  if (e.value) node.add(expr(e.value));
  return node;
}

// `first..last`, or one value when both ends are the same.
std::string range_text(const std::string& first, const std::string& last) {
  return first == last ? first : first + ".." + last;
}

std::string date_text(const CalendarDate& d) { return format_date({d.year, d.month, d.day}); }

struct DeclDumper {
  Node operator()(const EnumDecl& d) const {
    Node node = annotated("enum " + d.name.text, d.annotations);
    for (const auto& value : d.values) node.add({"value " + value.text});
    return node;
  }
  Node operator()(const ConstDecl& d) const { return annotated("const " + d.name.text, d.annotations).add(expr(d.value)); }
  Node operator()(const EventDecl& d) const {
    Node node = annotated("event " + d.type.str() + (d.global ? " global" : ""), d.annotations);
    for (const auto& f : d.fields) node.add(annotated("field " + f.name.text + " " + type_ref_text(f.type), f.annotations));
    return node;
  }
  Node operator()(const StateDecl& d) const {
    Node node = annotated(d.global ? "global" : "state", d.annotations);
    for (const auto& f : d.fields) {
      node.add(annotated("field " + f.name.text + " " + type_ref_text(f.type), f.annotations).add(expr(f.initial)));
    }
    return node;
  }
  Node operator()(const TableDecl& d) const {
    std::string keys;
    for (const auto& key : d.key_types) keys += " " + type_ref_text(key);
    Node node = annotated("table " + d.name.text + keys + " -> " + type_ref_text(d.value_type), d.annotations);
    for (const auto& row : d.rows) {
      Node keys_node{row.otherwise ? "otherwise" : "keys"};
      for (const auto& key : row.keys) keys_node.add(expr(key));
      node.add(Node{"row"}.add(std::move(keys_node)).add(expr(row.value)));
    }
    return node;
  }
  Node operator()(const CalendarDecl& d) const {
    Node node = annotated("calendar " + d.name.text, d.annotations);
    node.add({"zone " + quoted(d.zone)});
    for (const auto& o : d.open) {
      node.add({"open " + range_text(weekday_text(o.first_day), weekday_text(o.last_day)) + " " +
                format_clock(o.from_minute) + ".." + format_clock(o.to_minute)});
    }
    for (const auto& c : d.closed) node.add({"closed " + range_text(date_text(c.first), date_text(c.last))});
    return node;
  }
  Node operator()(const ServicesDecl& d) const {
    Node node = annotated("services", d.annotations);
    for (const auto& edge : d.edges) {
      std::string head = "edge " + quoted(edge.service) + " ->";
      for (const auto& target : edge.depends_on) head += " " + quoted(target);
      node.add({head});
    }
    return node;
  }
  Node operator()(const ClassifyDecl& d) const {
    Node node = annotated("classify " + d.field.text + " on " + d.event_type.str(), d.annotations);
    for (const auto& row : d.rows) {
      Node row_node{row.condition ? "when" : "otherwise"};
      if (row.condition) row_node.add(expr(row.condition));
      node.add(row_node.add(expr(row.value)));
    }
    return node;
  }
  Node operator()(const RuleDecl& d) const {
    Node node = annotated("rule " + d.name.text + " on " + d.event_type.str(), d.annotations);
    add_labelled(node, "delay", d.delay);
    add_labelled(node, "when", d.condition);
    for (const auto& a : d.actions) node.add(action(a));
    return node;
  }
  Node operator()(const PermitDecl& d) const {
    Node node = annotated("permit " + d.event_type.str(), d.annotations);
    add_labelled(node, "when", d.condition);
    return node;
  }
  Node operator()(const GuardDecl& d) const {
    Node node = annotated("guard " + d.name.text + " on " + d.event_type.str(), d.annotations);
    add_labelled(node, "when", d.condition);
    for (const auto& deny : d.denies) node.add(Node{"deny"}.add(expr(deny.condition)).add(message(deny.reason)));
    return node;
  }
  Node operator()(const SuppressDecl& d) const {
    Node node = annotated("suppress " + d.event_type.str(), d.annotations);
    add_labelled(node, "when", d.condition);
    return node;
  }
  Node operator()(const CorrelateDecl& d) const {
    Node node = annotated("correlate " + d.event_type.str(), d.annotations);
    add_labelled(node, "by", d.key);
    add_labelled(node, "within", d.window);
    return node;
  }
  Node operator()(const SlaDecl& d) const {
    Node node = annotated("sla " + d.name.text + (d.calendar ? " during " + d.calendar->str() : ""), d.annotations);
    add_labelled(node, "within", d.target);
    if (d.start) node.add(trigger("start on", *d.start));
    for (const auto& t : d.stops) node.add(trigger("stop on", t));
    for (const auto& t : d.pauses) node.add(trigger("pause on", t));
    for (const auto& t : d.resumes) node.add(trigger("resume on", t));
    for (const auto& warn : d.warns) {
      std::string head = "warn at";
      for (int percent : warn.percentages) head += fmt::format(" {}%", percent);
      node.add(action_block(head, warn.actions));
    }
    if (d.breach) node.add(action_block("breach", d.breach->actions));
    if (d.met) node.add(action_block("met", d.met->actions));
    return node;
  }
  Node operator()(const EscalationDecl& d) const {
    Node node = annotated("escalation " + d.name.text, d.annotations);
    for (const auto& level : d.levels) {
      Node level_node{fmt::format("level {}", level.number)};
      add_labelled(level_node, "after", level.delay);
      for (const auto& a : level.actions) level_node.add(action(a));
      node.add(std::move(level_node));
    }
    for (const auto& t : d.stops) node.add(trigger("stop on", t));
    if (d.repeat_count || d.repeat_delay) {
      Node repeat{d.repeat_count ? fmt::format("repeat {}", *d.repeat_count) : "repeat"};
      add_labelled(repeat, "after", d.repeat_delay);
      node.add(std::move(repeat));
    }
    return node;
  }
  Node operator()(const ObligationDecl& d) const {
    Node node = annotated("obligation " + d.name.text, d.annotations);
    if (d.after) node.add(trigger("after", *d.after));
    add_labelled(node, "while", d.while_condition);
    Node require{d.required_type.parts.empty() ? "require" : "require " + d.required_type.str()};
    add_labelled(require, "within", d.within);
    add_labelled(require, "every", d.every);
    add_labelled(require, "where", d.where);
    node.add(std::move(require));
    if (d.violation) node.add(action_block("violation", d.violation->actions));
    return node;
  }
  Node operator()(const FreezeDecl& d) const {
    Node node = annotated("freeze " + d.name.text, d.annotations);
    if (d.after) node.add(trigger("after", *d.after));
    add_labelled(node, "for", d.duration);
    add_labelled(node, "from", d.from);
    add_labelled(node, "to", d.to);
    std::string head = "block";
    for (const auto& type : d.blocked_types) head += " " + type.str();
    Node block{head};
    add_labelled(block, "unless", d.unless);
    node.add(std::move(block));
    return node;
  }
  Node operator()(const MeasureDecl& d) const {
    std::string head = "measure " + d.name.text + " from " + d.from_type.str() + " to " + d.to_type.str();
    if (d.calendar) head += " during " + d.calendar->str();
    Node node = annotated(head, d.annotations);
    add_labelled(node, "target", d.target);
    return node;
  }
  Node operator()(const TestDecl& d) const {
    Node node = annotated("test " + quoted(d.name), d.annotations);
    for (const auto& step : d.steps) node.add(test_step(step));
    return node;
  }
};

}  // namespace

std::string dump_module(const Module& module) {
  Node root{"module"};
  if (module.header) {
    std::string head = "policy " + module.header->name.text;
    if (!module.header->version.empty()) head += " version " + quoted(module.header->version);
    root.add(annotated(head, module.header->annotations));
  }
  for (const auto& import : module.imports) root.add({"import " + quoted(import.path)});
  for (const auto& decl : module.decls) root.add(std::visit(DeclDumper{}, decl));
  std::string out;
  render(root, 0, out);
  return out + "\n";
}

}  // namespace writ::lang
