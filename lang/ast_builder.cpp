// Grammar actions: each rule that completes moves what it read from the builder's scratch
// stacks into AST nodes. Actions only fire for matches that are kept: the grammar commits
// with `must` after its first tokens, and its two expression lookaheads run without actions.
#include "lang/ast_builder.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <type_traits>
#include <utility>

#include "lang/builder_state.hpp"
#include "lang/grammar.hpp"
#include "lang/grammar_errors.hpp"
#include "lang/literal_reader.hpp"
#include "lang/literals.hpp"

namespace writ::lang {
namespace detail {

namespace pg = tao::pegtl;
namespace gr = grammar;

using Input = pg::memory_input<pg::tracking_mode::lazy>;

// Counts expression nesting around a rule's match, as PEGTL's limit_depth does, but with the
// limit taken from ParseOptions.
class DepthGuard {
 public:
  DepthGuard(BuilderState& state, const char* at) : state_(state) {
    if (state_.depth >= state_.max_depth) throw NestingTooDeep{at};
    ++state_.depth;
  }
  ~DepthGuard() { --state_.depth; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;

 private:
  BuilderState& state_;
};

struct counts_nesting : pg::maybe_nothing {
  template <typename Rule, pg::apply_mode A, pg::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput>
  static bool match(ParseInput& in, BuilderState& s) {
    DepthGuard guard(s, in.current());
    return pg::match<Rule, A, M, Action, Control>(in, s);
  }
};

template <typename In>
Message read_message(const In& in, BuilderState& s);

// ---------------------------------------------------------------------------------------
// Actions

template <typename Rule>
struct build : pg::nothing<Rule> {};

#define WRIT_ON(rule)                                                  \
  template <>                                                          \
  struct build<gr::rule> {                                             \
    template <typename In>                                             \
    static void apply(const In& in, BuilderState& s);                  \
  };                                                                   \
  template <typename In>                                               \
  void build<gr::rule>::apply([[maybe_unused]] const In& in, [[maybe_unused]] BuilderState& s)

// Families: every rule derived from one of these shares its action.
template <typename Rule>
  requires std::is_base_of_v<gr::expr, Rule>
struct build<Rule> : counts_nesting {};

template <typename Rule>
  requires std::is_base_of_v<gr::lower_path, Rule> || std::is_base_of_v<gr::type_path, Rule>
struct build<Rule> {
  template <typename In>
  static void apply(const In& in, BuilderState& s) {
    s.item.paths.push_back(s.take_path(in));
  }
};

template <typename Rule>
  requires std::is_base_of_v<gr::text_lit, Rule>
struct build<Rule> {
  template <typename In>
  static void apply(const In& in, BuilderState& s) {
    s.item.texts.push_back(s.read_text(in));
  }
};

template <typename In>
void push_ident(const In& in, BuilderState& s) {
  Span at = s.span(in);
  s.item.idents.push_back({std::string(s.text_of(at)), at});
}

template <typename Rule>
  requires std::is_base_of_v<gr::field_name, Rule>
struct build<Rule> {
  template <typename In>
  static void apply(const In& in, BuilderState& s) {
    push_ident(in, s);
  }
};

template <typename Rule>
  requires std::is_base_of_v<gr::type_ref, Rule>
struct build<Rule> {
  template <typename In>
  static void apply(const In& in, BuilderState& s) {
    s.item.types.back().span = s.span(in);
  }
};

// ---- names

template <typename In>
void push_segment(const In& in, BuilderState& s) {
  Span at{s.file.id(), s.offset(in.begin()), s.offset(in.end())};
  s.item.segments.push_back({std::string(in.string_view()), at});
}
WRIT_ON(lower_head) { push_segment(in, s); }
WRIT_ON(dotted_type_head) { push_segment(in, s); }
WRIT_ON(lower_segment) { push_segment(in, s); }
WRIT_ON(any_head) { push_segment(in, s); }
WRIT_ON(any_segment) { push_segment(in, s); }
WRIT_ON(context_head) { push_segment(in, s); }

WRIT_ON(name) { push_ident(in, s); }
WRIT_ON(enum_word) { push_ident(in, s); }
WRIT_ON(set_target) { s.item.paths.push_back(s.take_path(in)); }

// ---- literals

WRIT_ON(int_lit) {
  Span at = s.span(in);
  auto e = s.make_expr(Expr::Kind::Int, at);
  if (auto value = parse_int(s.text_of(at))) {
    e->int_value = *value;
  } else {
    s.literal_error(Code::InvalidInteger, at, "integer",
                    "write digits with single `_` between them, at most 9223372036854775807");
  }
  s.push(std::move(e));
}
WRIT_ON(duration_lit) {
  Span at = s.span(in);
  auto e = s.make_expr(Expr::Kind::Duration, at);
  if (auto ms = parse_duration(s.text_of(at))) {
    e->int_value = *ms;
  } else {
    s.literal_error(Code::InvalidDuration, at, "duration",
                    "write numbers with the units w, d, h, m, s, ms in that order, each at most once, like `1h30m`");
  }
  s.push(std::move(e));
}
WRIT_ON(time_lit) {
  Span at = s.span(in);
  auto e = s.make_expr(Expr::Kind::Time, at);
  if (auto ms = parse_time(s.text_of(at))) {
    e->int_value = *ms;
  } else {
    s.literal_error(Code::InvalidTime, at, "time", "no such date or time of day");
  }
  s.push(std::move(e));
}
WRIT_ON(bool_lit) {
  auto e = s.make_expr(Expr::Kind::Bool, s.span(in));
  e->bool_value = in.peek_char() == 't';
  s.push(std::move(e));
}
WRIT_ON(string_unclosed) { s.item.string_unclosed = true; }
WRIT_ON(string_lit) {
  Text text = s.read_text(in);
  auto e = s.make_expr(Expr::Kind::String, text.span);
  e->string_value = std::move(text.value);
  s.push(std::move(e));
}
WRIT_ON(message_lit) { s.item.message = read_message(in, s); }
WRIT_ON(percent_lit) {
  Span at = s.span(in);
  auto value = parse_int(s.text_of(at).substr(0, at.end - at.begin - 1));
  if (!value || *value < 1 || *value > 99) {
    s.diags.error(Code::InvalidPercentage, at,
                  fmt::format("`{}` is not a valid warning point: write a percentage from 1% to 99%", s.text_of(at)));
  }
  s.item.percents.push_back(value && *value >= 1 && *value <= 99 ? static_cast<int>(*value) : 0);
  s.item.percent_spans.push_back(at);
}
WRIT_ON(date_lit) {
  Span at = s.span(in);
  CivilDate date;
  if (auto parsed = parse_date(s.text_of(at))) {
    date = *parsed;
  } else {
    s.literal_error(Code::InvalidDate, at, "date", "no such day");
  }
  s.item.dates.push_back({date.year, date.month, date.day, at});
}
WRIT_ON(clock_lit) {
  Span at = s.span(in);
  auto minutes = parse_clock(s.text_of(at));
  if (!minutes) s.literal_error(Code::InvalidDate, at, "clock time", "write hours 00 to 24 and minutes 00 to 59");
  s.item.clocks.push_back(minutes.value_or(0));
}
WRIT_ON(weekday) {
  static constexpr std::string_view kNames[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  std::string_view word = in.string_view().substr(0, 3);
  auto index = std::find(std::begin(kNames), std::end(kNames), word) - std::begin(kNames);
  s.item.weekdays.push_back(static_cast<Weekday>(index));
}

// ---- expressions

WRIT_ON(expr_name) {
  Path path = s.take_path(in);
  auto e = s.make_expr(Expr::Kind::Name, path.span);
  e->name = std::move(path);
  s.push(std::move(e));
}
WRIT_ON(call_open) { s.mark(); }
WRIT_ON(call_args) {
  std::uint32_t height = 1;
  std::vector<ExprPtr> args = s.pop_to_mark(height);
  Operand callee = s.pop_operand();
  callee.expr->kind = Expr::Kind::Call;
  callee.expr->span = Span::cover(callee.expr->span, s.span(in));
  callee.expr->items = std::move(args);
  s.push(std::move(callee.expr), height);
}
WRIT_ON(set_open) { s.mark(); }
WRIT_ON(set_lit) {
  std::uint32_t height = 1;
  auto e = s.make_expr(Expr::Kind::Set, s.span(in));
  e->items = s.pop_to_mark(height);
  s.push(std::move(e), height);
}
WRIT_ON(paren_expr) {
  Expr& inner = *s.item.operands.back().expr;
  inner.parenthesized = true;
  inner.span = s.span(in);
}
WRIT_ON(if_expr) {
  Operand otherwise = s.pop_operand();
  Operand then = s.pop_operand();
  Operand cond = s.pop_operand();
  auto e = s.make_expr(Expr::Kind::If, s.span(in));
  std::uint32_t height = std::max({cond.height, then.height, otherwise.height}) + 1;
  e->items.push_back(std::move(cond.expr));
  e->items.push_back(std::move(then.expr));
  e->items.push_back(std::move(otherwise.expr));
  s.push(std::move(e), height);
}

template <>
struct build<gr::not_apply> : counts_nesting {
  template <typename In>
  static void apply(const In& in, BuilderState& s) {
    s.reduce_unary(UnaryOp::Not, s.span(in));
  }
};
template <>
struct build<gr::neg_apply> : counts_nesting {
  template <typename In>
  static void apply(const In& in, BuilderState& s) {
    s.reduce_unary(UnaryOp::Neg, s.span(in));
  }
};

template <typename Op>
constexpr BinaryOp binary_op_of() {
  if constexpr (std::is_same_v<Op, gr::kw_or>) return BinaryOp::Or;
  if constexpr (std::is_same_v<Op, gr::kw_and>) return BinaryOp::And;
  if constexpr (std::is_same_v<Op, gr::op_eq>) return BinaryOp::Eq;
  if constexpr (std::is_same_v<Op, gr::op_ne>) return BinaryOp::Ne;
  if constexpr (std::is_same_v<Op, gr::op_lt>) return BinaryOp::Lt;
  if constexpr (std::is_same_v<Op, gr::op_le>) return BinaryOp::Le;
  if constexpr (std::is_same_v<Op, gr::op_gt>) return BinaryOp::Gt;
  if constexpr (std::is_same_v<Op, gr::op_ge>) return BinaryOp::Ge;
  if constexpr (std::is_same_v<Op, gr::kw_in>) return BinaryOp::In;
  if constexpr (std::is_same_v<Op, gr::op_not_in>) return BinaryOp::NotIn;
  if constexpr (std::is_same_v<Op, gr::kw_contains>) return BinaryOp::Contains;
  if constexpr (std::is_same_v<Op, gr::op_contains_all>) return BinaryOp::ContainsAll;
  if constexpr (std::is_same_v<Op, gr::op_contains_any>) return BinaryOp::ContainsAny;
  if constexpr (std::is_same_v<Op, gr::op_plus>) return BinaryOp::Add;
  if constexpr (std::is_same_v<Op, gr::op_minus>) return BinaryOp::Sub;
  if constexpr (std::is_same_v<Op, gr::op_times>) return BinaryOp::Mul;
  if constexpr (std::is_same_v<Op, gr::op_divide>) return BinaryOp::Div;
  if constexpr (std::is_same_v<Op, gr::op_modulo>) return BinaryOp::Mod;
}

template <typename Op, typename Operand>
struct build<gr::binary_tail<Op, Operand>> {
  template <typename In>
  static void apply(const In&, BuilderState& s) {
    s.reduce_binary(binary_op_of<Op>());
  }
};

// ---- annotations and types

template <typename In>
Annotation read_annotation(const In& in, BuilderState& s) {
  Annotation a;
  a.name = s.pop_ident();
  for (Text& arg : std::exchange(s.item.texts, {})) a.args.push_back(std::move(arg.value));
  a.span = s.span(in);
  return a;
}
WRIT_ON(decl_annotation) { s.item.decl_annotations.push_back(read_annotation(in, s)); }
WRIT_ON(field_annotation) { s.item.field_annotations.push_back(read_annotation(in, s)); }

void push_type(BuilderState& s, TypeRef::Kind kind) {
  TypeRef t;
  t.kind = kind;
  s.item.types.push_back(std::move(t));
}
WRIT_ON(bool_type) { push_type(s, TypeRef::Kind::Bool); }
WRIT_ON(int_type) { push_type(s, TypeRef::Kind::Int); }
WRIT_ON(string_type) { push_type(s, TypeRef::Kind::String); }
WRIT_ON(duration_type) { push_type(s, TypeRef::Kind::Duration); }
WRIT_ON(time_type) { push_type(s, TypeRef::Kind::Time); }
WRIT_ON(set_type) { push_type(s, TypeRef::Kind::SetOfString); }
WRIT_ON(named_type) {
  push_type(s, TypeRef::Kind::Named);
  s.item.types.back().name = s.take_path(in);
}
WRIT_ON(optional_mark) { s.item.types.back().optional = true; }

// ---- actions

WRIT_ON(set_action) {
  Action a;
  a.value = s.pop();
  a.target = s.pop_path();
  s.push_action(Action::Kind::Set, in, std::move(a));
}
WRIT_ON(notify_action) {
  Action a;
  a.message = std::exchange(s.item.message, std::nullopt);
  a.value = s.pop();
  s.push_action(Action::Kind::Notify, in, std::move(a));
}
WRIT_ON(record_field) {
  FieldValue field;
  field.value = s.pop();
  field.name = s.pop_ident();
  field.span = s.span(in);
  s.item.fields.push_back(std::move(field));
}
WRIT_ON(emit_action) {
  Action a;
  a.target = s.pop_path();
  for (FieldValue& f : std::exchange(s.item.fields, {})) {
    a.fields.push_back({std::move(f.name), std::move(f.value), f.span});
  }
  s.push_action(Action::Kind::Emit, in, std::move(a));
}
WRIT_ON(escalate_action) {
  Action a;
  a.target = s.pop_path();
  s.push_action(Action::Kind::Escalate, in, std::move(a));
}
WRIT_ON(stop_action) {
  Action a;
  a.target = s.pop_path();
  s.push_action(Action::Kind::Stop, in, std::move(a));
}
WRIT_ON(ticket_owner) { s.item.owner = s.pop(); }
WRIT_ON(ticket_due) { s.item.due = s.pop(); }
WRIT_ON(ticket_action) {
  Action a;
  a.owner = std::move(s.item.owner);
  a.due = std::move(s.item.due);
  a.value = s.pop();
  s.push_action(Action::Kind::OpenTicket, in, std::move(a));
}
WRIT_ON(audit_action) {
  Action a;
  a.message = std::exchange(s.item.message, std::nullopt);
  s.push_action(Action::Kind::Audit, in, std::move(a));
}
WRIT_ON(close_action) { s.push_action(Action::Kind::Close, in, Action{}); }

template <typename In>
ActionBlock take_block(const In& in, BuilderState& s) {
  return {std::exchange(s.item.actions, {}), s.span(in)};
}

WRIT_ON(trigger_condition) { s.item.trigger_condition = s.pop(); }
WRIT_ON(trigger) {
  Trigger t;
  t.event_type = s.pop_path();
  t.condition = std::move(s.item.trigger_condition);
  t.span = s.span(in);
  s.item.trigger = std::move(t);
}

// ---- file header

WRIT_ON(policy_version) { s.item.version = s.pop_text().value; }
WRIT_ON(policy_header) {
  PolicyHeader header;
  header.version = s.item.version.value_or("");
  header.name = s.pop_ident();
  header.span = s.span(in);
  header.annotations = std::exchange(s.item.decl_annotations, {});
  if (s.module.header) {
    s.diags.error(Code::SyntaxError, header.span, "a file has only one `policy` header");
  } else if (!s.module.imports.empty() || !s.module.decls.empty()) {
    s.diags.error(Code::SyntaxError, header.span, "the `policy` header must come first in the file");
  } else {
    s.module.header = std::move(header);
  }
}
WRIT_ON(import_decl) {
  Import import;
  import.path = s.pop_text().value;
  import.span = s.span(in);
  if (!s.module.decls.empty()) {
    s.diags.error(Code::SyntaxError, import.span, "imports come before the declarations of a file");
  }
  // Annotations followed by an import belong to the policy (language reference, "Files").
  if (!s.item.decl_annotations.empty()) {
    if (s.module.header && s.module.decls.empty()) {
      for (Annotation& a : std::exchange(s.item.decl_annotations, {})) s.module.header->annotations.push_back(a);
    } else {
      s.diags.error(Code::SyntaxError, s.item.decl_annotations.front().span,
                    "annotations before an `import` belong to the `policy` header, and this file has none before them");
    }
  }
  s.module.imports.push_back(std::move(import));
}

// ---- declarations

WRIT_ON(enum_decl) {
  EnumDecl& d = s.finish_decl<EnumDecl>(in);
  d.name = s.item.idents.front();
  d.values.assign(s.item.idents.begin() + 1, s.item.idents.end());
  s.commit_decl();
}
WRIT_ON(const_decl) {
  ConstDecl& d = s.finish_decl<ConstDecl>(in);
  d.value = s.pop();
  d.name = s.pop_ident();
  s.commit_decl();
}

WRIT_ON(field_decl) {
  FieldDecl field;
  field.annotations = std::exchange(s.item.field_annotations, {});
  field.type = s.pop_type();
  field.name = s.pop_ident();
  field.span = s.span(in);
  s.decl<EventDecl>().fields.push_back(std::move(field));
}
WRIT_ON(event_global) { s.decl<EventDecl>().global = true; }
WRIT_ON(event_decl) {
  EventDecl& d = s.finish_decl<EventDecl>(in);
  d.type = s.pop_path();
  s.commit_decl();
}

WRIT_ON(state_field) {
  StateField field;
  field.annotations = std::exchange(s.item.field_annotations, {});
  field.initial = s.pop();
  field.type = s.pop_type();
  field.name = s.pop_ident();
  field.span = s.span(in);
  s.decl<StateDecl>().fields.push_back(std::move(field));
}
WRIT_ON(global_keyword) { s.decl<StateDecl>().global = true; }
WRIT_ON(state_decl) {
  s.finish_decl<StateDecl>(in);
  s.commit_decl();
}

WRIT_ON(key_types) { s.decl<TableDecl>().key_types = std::exchange(s.item.types, {}); }
WRIT_ON(tuple_open) { s.mark(); }
WRIT_ON(tuple_keys) {
  std::uint32_t height = 1;
  s.item.row_keys = s.pop_to_mark(height);
}
WRIT_ON(table_keyed_row) {
  TableRow row;
  row.value = s.pop();
  if (s.item.row_keys.empty()) {
    row.keys.push_back(s.pop());
  } else {
    row.keys = std::exchange(s.item.row_keys, {});
  }
  row.span = s.span(in);
  s.decl<TableDecl>().rows.push_back(std::move(row));
}
WRIT_ON(table_otherwise_row) {
  TableRow row;
  row.otherwise = true;
  row.value = s.pop();
  row.span = s.span(in);
  s.decl<TableDecl>().rows.push_back(std::move(row));
}
WRIT_ON(table_decl) {
  TableDecl& d = s.finish_decl<TableDecl>(in);
  d.value_type = s.pop_type();
  d.name = s.pop_ident();
  s.commit_decl();
}

WRIT_ON(zone_item) {
  CalendarDecl& d = s.decl<CalendarDecl>();
  Text zone = s.pop_text();
  if (d.zone_span.end != 0) {
    s.duplicate_clause(s.span(in), "zone", "calendar");
    return;
  }
  d.zone = std::move(zone.value);
  d.zone_span = zone.span;
}
WRIT_ON(open_item) {
  OpenHours hours;
  hours.first_day = s.item.weekdays.front();
  hours.last_day = s.item.weekdays.back();
  hours.from_minute = s.item.clocks[0];
  hours.to_minute = s.item.clocks[1];
  hours.span = s.span(in);
  s.item.weekdays.clear();
  s.item.clocks.clear();
  s.decl<CalendarDecl>().open.push_back(hours);
}
WRIT_ON(closed_day) {
  ClosedDays days{s.item.dates.front(), s.item.dates.back(), s.span(in)};
  s.item.dates.clear();
  s.decl<CalendarDecl>().closed.push_back(days);
}
WRIT_ON(calendar_decl) {
  CalendarDecl& d = s.finish_decl<CalendarDecl>(in);
  d.name = s.pop_ident();
  s.commit_decl();
}

WRIT_ON(service_edge) {
  std::vector<Text> texts = std::exchange(s.item.texts, {});
  ServiceEdge edge;
  edge.service = std::move(texts.front().value);
  edge.service_span = texts.front().span;
  for (std::size_t i = 1; i < texts.size(); ++i) {
    edge.depends_on.push_back(std::move(texts[i].value));
    edge.depends_on_spans.push_back(texts[i].span);
  }
  edge.span = s.span(in);
  s.decl<ServicesDecl>().edges.push_back(std::move(edge));
}
WRIT_ON(services_decl) {
  s.finish_decl<ServicesDecl>(in);
  s.commit_decl();
}

WRIT_ON(classify_when_row) {
  ClassifyRow row;
  row.value = s.pop();
  row.condition = s.pop();
  row.span = s.span(in);
  s.decl<ClassifyDecl>().rows.push_back(std::move(row));
}
WRIT_ON(classify_otherwise_row) {
  ClassifyRow row;
  row.value = s.pop();
  row.span = s.span(in);
  s.decl<ClassifyDecl>().rows.push_back(std::move(row));
}
WRIT_ON(classify_decl) {
  ClassifyDecl& d = s.finish_decl<ClassifyDecl>(in);
  d.event_type = s.pop_path();
  d.field = s.pop_ident();
  s.commit_decl();
}

WRIT_ON(timer_trigger) { s.decl<RuleDecl>().delay = s.pop(); }
WRIT_ON(rule_condition) { s.decl<RuleDecl>().condition = s.pop(); }
WRIT_ON(rule_decl) {
  RuleDecl& d = s.finish_decl<RuleDecl>(in);
  d.actions = std::exchange(s.item.actions, {});
  d.event_type = s.pop_path();
  d.name = s.pop_ident();
  s.commit_decl();
}

WRIT_ON(permit_decl) {
  PermitDecl& d = s.finish_decl<PermitDecl>(in);
  d.condition = s.pop();
  d.event_type = s.pop_path();
  s.commit_decl();
}

WRIT_ON(guard_condition) { s.decl<GuardDecl>().condition = s.pop(); }
WRIT_ON(deny_clause) {
  DenyClause deny;
  deny.reason = std::move(*s.item.message);
  s.item.message.reset();
  deny.condition = s.pop();
  deny.span = s.span(in);
  s.decl<GuardDecl>().denies.push_back(std::move(deny));
}
WRIT_ON(guard_decl) {
  GuardDecl& d = s.finish_decl<GuardDecl>(in);
  d.event_type = s.pop_path();
  d.name = s.pop_ident();
  s.commit_decl();
}

WRIT_ON(suppress_decl) {
  SuppressDecl& d = s.finish_decl<SuppressDecl>(in);
  d.condition = s.pop();
  d.event_type = s.pop_path();
  s.commit_decl();
}
WRIT_ON(correlate_decl) {
  CorrelateDecl& d = s.finish_decl<CorrelateDecl>(in);
  d.window = s.pop();
  d.key = s.pop();
  d.event_type = s.pop_path();
  s.commit_decl();
}

WRIT_ON(sla_calendar) { s.decl<SlaDecl>().calendar = s.pop_path(); }
WRIT_ON(sla_start) {
  SlaDecl& d = s.decl<SlaDecl>();
  if (d.start) {
    s.duplicate_clause(s.span(in), "start", "SLA");
    s.item.trigger.reset();
    return;
  }
  d.start = s.take_trigger();
}
WRIT_ON(sla_stop) { s.decl<SlaDecl>().stops.push_back(s.take_trigger()); }
WRIT_ON(sla_pause) { s.decl<SlaDecl>().pauses.push_back(s.take_trigger()); }
WRIT_ON(sla_resume) { s.decl<SlaDecl>().resumes.push_back(s.take_trigger()); }
WRIT_ON(sla_warn) {
  SlaWarn warn;
  warn.percentages = std::exchange(s.item.percents, {});
  warn.percentage_spans = std::exchange(s.item.percent_spans, {});
  warn.actions = std::exchange(s.item.actions, {});
  warn.span = s.span(in);
  s.decl<SlaDecl>().warns.push_back(std::move(warn));
}
template <typename In>
void set_once(std::optional<ActionBlock>& slot, const In& in, BuilderState& s, std::string_view clause,
              std::string_view construct) {
  ActionBlock block = take_block(in, s);
  if (slot) {
    s.duplicate_clause(block.span, clause, construct);
    return;
  }
  slot = std::move(block);
}
WRIT_ON(sla_breach) { set_once(s.decl<SlaDecl>().breach, in, s, "breach", "SLA"); }
WRIT_ON(sla_met) { set_once(s.decl<SlaDecl>().met, in, s, "met", "SLA"); }
WRIT_ON(sla_decl) {
  SlaDecl& d = s.finish_decl<SlaDecl>(in);
  d.target = s.pop();
  d.name = s.pop_ident();
  s.commit_decl();
}

WRIT_ON(level_delay) { s.item.level_delay = s.pop(); }
WRIT_ON(esc_level) {
  LadderLevel level;
  level.actions = std::exchange(s.item.actions, {});
  level.delay = std::move(s.item.level_delay);
  level.number = s.pop()->int_value;
  level.span = s.span(in);
  s.decl<EscalationDecl>().levels.push_back(std::move(level));
}
WRIT_ON(esc_stop) { s.decl<EscalationDecl>().stops.push_back(s.take_trigger()); }
WRIT_ON(esc_repeat) {
  EscalationDecl& d = s.decl<EscalationDecl>();
  ExprPtr delay = s.pop();
  std::int64_t count = s.pop()->int_value;
  if (d.repeat_count) {
    s.duplicate_clause(s.span(in), "repeat", "escalation");
    return;
  }
  d.repeat_count = count;
  d.repeat_delay = std::move(delay);
  d.repeat_span = s.span(in);
}
WRIT_ON(escalation_decl) {
  EscalationDecl& d = s.finish_decl<EscalationDecl>(in);
  d.name = s.pop_ident();
  s.commit_decl();
}

WRIT_ON(ob_after) {
  ObligationDecl& d = s.decl<ObligationDecl>();
  Trigger after = s.take_trigger();
  if (d.after) {
    s.duplicate_clause(s.span(in), "after", "obligation");
    return;
  }
  d.after = std::move(after);
}
WRIT_ON(ob_while) {
  ObligationDecl& d = s.decl<ObligationDecl>();
  ExprPtr condition = s.pop();
  if (d.while_condition) {
    s.duplicate_clause(s.span(in), "while", "obligation");
    return;
  }
  d.while_condition = std::move(condition);
}
WRIT_ON(require_within) { s.item.within = s.pop(); }
WRIT_ON(require_every) { s.item.every = s.pop(); }
WRIT_ON(require_where) { s.item.clause_condition = s.pop(); }
WRIT_ON(ob_require) {
  ObligationDecl& d = s.decl<ObligationDecl>();
  Path type = s.pop_path();
  ExprPtr within = std::move(s.item.within);
  ExprPtr every = std::move(s.item.every);
  ExprPtr where = std::move(s.item.clause_condition);
  if (d.require_span.end != 0) {
    s.duplicate_clause(s.span(in), "require", "obligation");
    return;
  }
  d.required_type = std::move(type);
  d.within = std::move(within);
  d.every = std::move(every);
  d.where = std::move(where);
  d.require_span = s.span(in);
}
WRIT_ON(ob_violation) { set_once(s.decl<ObligationDecl>().violation, in, s, "violation", "obligation"); }
WRIT_ON(obligation_decl) {
  ObligationDecl& d = s.finish_decl<ObligationDecl>(in);
  d.name = s.pop_ident();
  s.commit_decl();
}

WRIT_ON(fz_after) {
  FreezeDecl& d = s.decl<FreezeDecl>();
  ExprPtr duration = s.pop();
  Trigger after = s.take_trigger();
  if (d.after) {
    s.duplicate_clause(s.span(in), "after", "freeze");
    return;
  }
  d.after = std::move(after);
  d.duration = std::move(duration);
}
WRIT_ON(fz_window) {
  FreezeDecl& d = s.decl<FreezeDecl>();
  ExprPtr to = s.pop();
  ExprPtr from = s.pop();
  if (d.from) {
    s.duplicate_clause(s.span(in), "from", "freeze");
    return;
  }
  d.from = std::move(from);
  d.to = std::move(to);
}
WRIT_ON(fz_unless) { s.item.clause_condition = s.pop(); }
WRIT_ON(fz_block) {
  FreezeDecl& d = s.decl<FreezeDecl>();
  std::vector<Path> types = std::exchange(s.item.paths, {});
  ExprPtr unless = std::move(s.item.clause_condition);
  if (d.block_span.end != 0) {
    s.duplicate_clause(s.span(in), "block", "freeze");
    return;
  }
  d.blocked_types = std::move(types);
  d.unless = std::move(unless);
  d.block_span = s.span(in);
}
WRIT_ON(freeze_decl) {
  FreezeDecl& d = s.finish_decl<FreezeDecl>(in);
  d.name = s.pop_ident();
  s.commit_decl();
}

WRIT_ON(measure_calendar) { s.decl<MeasureDecl>().calendar = s.pop_path(); }
WRIT_ON(measure_target) { s.decl<MeasureDecl>().target = s.pop(); }
WRIT_ON(measure_decl) {
  MeasureDecl& d = s.finish_decl<MeasureDecl>(in);
  d.to_type = s.pop_path();
  d.from_type = s.pop_path();
  d.name = s.pop_ident();
  s.commit_decl();
}

// ---- tests

WRIT_ON(relative_time) { s.item.relative_time = true; }
WRIT_ON(event_record) { s.item.event_fields = std::exchange(s.item.fields, {}); }
WRIT_ON(actor_record) { s.item.actor_fields = std::exchange(s.item.fields, {}); }
WRIT_ON(step_event) { s.item.step_event = s.pop_path(); }
WRIT_ON(test_at) {
  TestAt at;
  at.relative = std::exchange(s.item.relative_time, false);
  at.when = s.pop();
  at.event_type = std::exchange(s.item.step_event, std::nullopt);
  at.fields = std::exchange(s.item.event_fields, {});
  at.actor = std::exchange(s.item.actor_fields, std::nullopt);
  at.span = s.span(in);
  s.decl<TestDecl>().steps.emplace_back().step = std::move(at);
}

void expect(BuilderState& s, TestExpect::Kind kind) {
  s.item.expectation.emplace();
  s.item.expectation->kind = kind;
}
void expect_value(BuilderState& s, TestExpect::Kind kind) {
  expect(s, kind);
  s.item.expectation->value = s.pop();
}
void expect_name(BuilderState& s, TestExpect::Kind kind) {
  expect(s, kind);
  s.item.expectation->name = s.pop_path();
}
WRIT_ON(expect_notify) { expect_value(s, TestExpect::Kind::Notify); }
WRIT_ON(denied_reason) { s.item.denied_because = s.pop_text().value; }
WRIT_ON(expect_denied) {
  expect(s, TestExpect::Kind::Denied);
  s.item.expectation->because = std::exchange(s.item.denied_because, std::nullopt);
}
WRIT_ON(expect_allowed) { expect(s, TestExpect::Kind::Allowed); }
WRIT_ON(expect_breach) { expect_name(s, TestExpect::Kind::Breach); }
WRIT_ON(expect_warn) { expect_name(s, TestExpect::Kind::Warn); }
WRIT_ON(expect_met) { expect_name(s, TestExpect::Kind::Met); }
WRIT_ON(expect_violation) { expect_name(s, TestExpect::Kind::Violation); }
WRIT_ON(blocked_by) { s.item.blocked_by = s.pop_path(); }
WRIT_ON(expect_blocked) {
  expect(s, TestExpect::Kind::Blocked);
  s.item.expectation->name = std::exchange(s.item.blocked_by, std::nullopt);
}
WRIT_ON(expect_ticket) { expect_value(s, TestExpect::Kind::Ticket); }
WRIT_ON(expect_measure) {
  expect_value(s, TestExpect::Kind::Measure);
  s.item.expectation->name = s.pop_path();
}
WRIT_ON(expect_suppressed) { expect(s, TestExpect::Kind::Suppressed); }
WRIT_ON(expect_correlated) { expect(s, TestExpect::Kind::Correlated); }
WRIT_ON(expect_no) { s.item.expectation->negated = true; }
WRIT_ON(expect_global) {
  expect_value(s, TestExpect::Kind::Global);
  s.item.expectation->state_field = s.pop_ident();
}
WRIT_ON(expect_state) {
  expect_value(s, TestExpect::Kind::State);
  s.item.expectation->state_field = s.pop_ident();
}
WRIT_ON(test_expect) {
  TestExpect e = std::move(*s.item.expectation);
  s.item.expectation.reset();
  e.span = s.span(in);
  s.decl<TestDecl>().steps.emplace_back().step = std::move(e);
}
WRIT_ON(test_decl) {
  TestDecl& d = s.finish_decl<TestDecl>(in);
  d.name = s.pop_text().value;
  s.commit_decl();
}

#undef WRIT_ON

// ---------------------------------------------------------------------------------------
// Messages

void read_hole(const char* begin, const char* end, Message& message, BuilderState& s);

// Cuts a message string into text and `{expr}` holes; each hole is parsed as an expression.
template <typename In>
Message read_message(const In& in, BuilderState& s) {
  auto [begin, end] = s.quoted_text(in);
  Message message;
  message.span = s.span(in);
  MessageSplit split = split_message(std::string_view(begin, static_cast<std::size_t>(end - begin)));
  for (const MessageSegment& segment : split.segments) {
    const char* from = begin + segment.begin;
    const char* to = begin + segment.end;
    if (segment.hole) {
      read_hole(from, to, message, s);
    } else {
      MessagePart part;
      part.text = s.unescape_reporting(from, to);
      part.span = {s.file.id(), s.offset(from), s.offset(to)};
      message.parts.push_back(std::move(part));
    }
  }
  if (split.unclosed_hole) {
    std::uint32_t at = s.offset(begin + *split.unclosed_hole);
    s.diags.error(Code::SyntaxError, {s.file.id(), at, at + 1},
                  "this `{` starts an expression that is never closed with `}`; write `\\{` for a literal brace");
  }
  return message;
}

// Reads the expression inside `{...}` of a message from the file's own bytes, so its spans
// point into the file. A hole that does not parse is reported and left out.
void read_hole(const char* begin, const char* end, Message& message, BuilderState& s) {
  // Holes are read with the expression grammar, whose whitespace includes `//` comments;
  // inside a one-line string a comment would silently swallow the rest of the hole.
  std::string_view hole(begin, static_cast<std::size_t>(end - begin));
  if (std::size_t slash = hole.find("//"); slash != std::string_view::npos) {
    std::uint32_t at = s.offset(begin) + static_cast<std::uint32_t>(slash);
    s.diags.error(Code::SyntaxError, {s.file.id(), at, at + 2}, "a message hole `{...}` cannot hold a `//` comment");
    return;
  }
  std::size_t operands = s.item.operands.size();
  std::size_t marks = s.item.marks.size();
  Input in(begin, end, s.file.path());
  try {
    // `message_hole` commits with `must`: it matches or raises.
    static_cast<void>(pg::parse<gr::message_hole, build, gr::error_control>(in, s));
    MessagePart part;
    part.expr = s.pop();
    part.span = {s.file.id(), s.offset(begin) - 1, s.offset(end) + 1};
    message.parts.push_back(std::move(part));
    return;
  } catch (const pg::parse_error& e) {
    s.report_syntax_error(s.offset(begin) + static_cast<std::uint32_t>(e.positions().front().byte),
                          std::string(e.message()));
  } catch (const NestingTooDeep& e) {
    s.report_nesting(e.at);
  }
  s.item.operands.resize(operands);
  s.item.marks.resize(marks);
  s.item.segments.clear();
}

}  // namespace detail

// ---------------------------------------------------------------------------------------

AstBuilder::AstBuilder(const SourceFile& file, Diagnostics& diags, const ParseOptions& options,
                       const std::vector<Comment>& comments)
    : state_(std::make_unique<detail::BuilderState>(file, diags, options, comments)) {}

AstBuilder::~AstBuilder() = default;

std::uint32_t AstBuilder::file_start() {
  detail::Input in(state_->base(), state_->limit(), state_->file.path());
  static_cast<void>(detail::pg::parse<grammar::file_start>(in));
  return state_->offset(in.current());
}

ItemResult AstBuilder::parse_item(std::uint32_t offset) {
  detail::BuilderState& s = *state_;
  s.item = {};
  s.depth = 0;
  detail::Input in(s.base() + offset, s.limit(), s.file.path());
  try {
    // `annotated_item` commits with `must`: it matches or raises.
    static_cast<void>(detail::pg::parse<grammar::annotated_item, detail::build, grammar::error_control>(in, s));
    return {true, s.offset(in.current())};
  } catch (const detail::pg::parse_error& e) {
    auto at = offset + static_cast<std::uint32_t>(e.positions().front().byte);
    s.report_syntax_error(at, std::string(e.message()));
    return {false, at};
  } catch (const detail::NestingTooDeep& e) {
    s.report_nesting(e.at);
    return {false, s.offset(e.at)};
  }
}

Module AstBuilder::take_module() {
  // What the scratch still holds (after a failed last item) lives in the module's arena:
  // destroy it now, while the arena is here, not after the module has gone.
  state_->item = {};
  return std::move(state_->module);
}

}  // namespace writ::lang
