#include "compiler/lower_expr.hpp"

#include <fmt/format.h>

#include <optional>

#include "lang/constant_value.hpp"

namespace writ::compiler {

namespace {

using lang::BinaryOp;
using lang::CallKind;
using lang::Expr;
using lang::NameKind;
using K = lang::Type::Kind;
using ir::NodePtr;
using ir::Op;

// Constants may be defined by constants; the checker rejects cycles, this only bounds the
// walk so an unexpected one is an error instead of a stack overflow.
constexpr int kMaxConstDepth = 64;

bool is_set_type(const lang::Type& t) { return t.kind == K::SetOfString; }

class Lowerer {
 public:
  explicit Lowerer(const LowerScope& scope) : scope_(scope) {}

  NodePtr lower(const Expr& e) {
    if (error_) return nullptr;
    if (e.type.is_error()) return fail(e.span, "this expression was not accepted by the checker");
    switch (e.kind) {
      case Expr::Kind::Bool: return ir::make_const(e.bool_value ? 1 : 0);
      case Expr::Kind::Int:
      case Expr::Kind::Duration:
      case Expr::Kind::Time: return ir::make_const(e.int_value);
      case Expr::Kind::String: return ir::make_const(scope_.strings->intern(e.string_value));
      case Expr::Kind::Set: return lower_set(e);
      case Expr::Kind::Name: return lower_name(e);
      case Expr::Kind::Call: return lower_call(e);
      case Expr::Kind::Unary: return unary(e.unary_op == lang::UnaryOp::Not ? Op::Not : Op::Neg, e);
      case Expr::Kind::Binary: return lower_binary(e);
      case Expr::Kind::If: return lower_if(e);
    }
    return fail(e.span, "unknown expression kind");
  }

  const std::optional<CompileError>& error() const { return error_; }

 private:
  NodePtr fail(lang::Span span, std::string message) {
    if (!error_) error_ = CompileError{span, std::move(message)};
    return nullptr;
  }

  // Lowers every operand; null when one failed.
  std::optional<std::vector<NodePtr>> operands(const std::vector<const Expr*>& exprs) {
    std::vector<NodePtr> out;
    for (const Expr* e : exprs) {
      if (!e) {
        fail({}, "an operand is missing");
        return std::nullopt;
      }
      NodePtr n = lower(*e);
      if (!n) return std::nullopt;
      out.push_back(std::move(n));
    }
    return out;
  }

  NodePtr op(Op o, bool is_set, const std::vector<const Expr*>& exprs) {
    auto args = operands(exprs);
    return args ? ir::make_op(o, is_set, std::move(*args)) : nullptr;
  }

  NodePtr unary(Op o, const Expr& e) { return op(o, false, {e.lhs.get()}); }

  NodePtr lower_set(const Expr& e) {
    std::vector<const Expr*> items;
    for (const auto& item : e.items) items.push_back(item.get());
    auto args = operands(items);
    if (!args) return nullptr;
    std::vector<std::uint32_t> ids;
    for (const NodePtr& a : *args) {
      if (a->op != Op::Const) return ir::make_op(Op::MakeSet, true, std::move(*args));
      ids.push_back(static_cast<std::uint32_t>(a->value));
    }
    return ir::make_const_set(std::move(ids));
  }

  NodePtr load(lang::Span span, RecordSource source, const RecordLayout* layout, std::string_view field,
               std::string_view record) {
    if (!layout) return fail(span, fmt::format("no {} record is available here", record));
    const FieldSlot* slot = layout->find(field);
    if (!slot) return fail(span, fmt::format("`{}` is not a field of the {} record", field, record));
    auto node = ir::make_op(slot->is_set() ? Op::LoadSet : Op::Load, slot->is_set(), {});
    node->source = source;
    node->word = slot->word;
    return node;
  }

  RecordSource started_source() const { return scope_.started_is_event ? RecordSource::Event : RecordSource::Started; }

  const RecordLayout* started_layout(const Expr& e) const {
    return e.resolved.event ? scope_.layouts->event(e.resolved.event->type.str()) : nullptr;
  }

  NodePtr lower_name(const Expr& e) {
    const lang::NameResolution& r = e.resolved;
    switch (r.kind) {
      case NameKind::EventField: return load(e.span, RecordSource::Event, scope_.event, r.field, "event");
      case NameKind::StartedField: return load(e.span, started_source(), started_layout(e), r.field, "started");
      case NameKind::ActorId: return load(e.span, RecordSource::Event, scope_.event, kActorIdField, "event");
      case NameKind::ActorRole: return load(e.span, RecordSource::Event, scope_.event, kActorRoleField, "event");
      case NameKind::StateField: return load(e.span, RecordSource::State, &scope_.layouts->state, r.field, "state");
      case NameKind::GlobalField: return load(e.span, RecordSource::Global, &scope_.layouts->global, r.field, "global");
      case NameKind::EnumValue: return ir::make_const(r.enum_index);
      case NameKind::Now: return ir::make_op(Op::Now, false, {});
      case NameKind::Age: {
        NodePtr opened = load(e.span, RecordSource::State, &scope_.layouts->state, "opened_at", "state");
        if (!opened) return nullptr;
        std::vector<NodePtr> args;
        args.push_back(ir::make_op(Op::Now, false, {}));
        args.push_back(std::move(opened));
        return ir::make_op(Op::Sub, false, std::move(args));
      }
      case NameKind::Const: {
        if (!r.constant || !r.constant->value) return fail(e.span, "a constant without a value");
        if (++const_depth_ > kMaxConstDepth) return fail(e.span, "constants nested too deeply");
        NodePtr value = lower(*r.constant->value);
        --const_depth_;
        return value;
      }
      case NameKind::Unresolved: break;
    }
    return fail(e.span, fmt::format("`{}` was not resolved by the checker", e.name.str()));
  }

  NodePtr lower_has(const Expr& e) {
    const Expr* arg = e.items.empty() ? nullptr : e.items[0].get();
    if (!arg || arg->kind != Expr::Kind::Name) return fail(e.span, "`has` needs a field");
    bool started = arg->resolved.kind == NameKind::StartedField;
    if (!started && arg->resolved.kind != NameKind::EventField) return fail(arg->span, "`has` needs an event field");
    const RecordLayout* layout = started ? started_layout(*arg) : scope_.event;
    const FieldSlot* slot = layout ? layout->find(arg->resolved.field) : nullptr;
    if (!slot || slot->presence_bit < 0) return fail(arg->span, "`has` needs an optional field");
    auto node = ir::make_op(Op::Present, false, {});
    node->source = started ? started_source() : RecordSource::Event;
    node->bit = slot->presence_bit;
    return node;
  }

  // A table key as written in a row: a literal, a const defined by one, or an enum value.
  std::optional<std::int64_t> row_key(const Expr& key) {
    if (const std::string* s = lang::detail::constant_string(key)) return scope_.strings->intern(*s);
    if (auto n = lang::detail::constant_number(key)) return *n;
    fail(key.span, "a table key must be a literal or an enum value");
    return std::nullopt;
  }

  NodePtr lower_table(const Expr& e) {
    if (!e.table) return fail(e.span, "a table call the checker did not resolve");
    std::vector<const Expr*> keys;
    for (const auto& k : e.items) keys.push_back(k.get());
    for (const Expr* k : keys) {
      if (is_set_type(k->type)) return fail(k->span, "sets cannot be table keys");
    }
    auto args = operands(keys);
    if (!args) return nullptr;
    auto node = ir::make_op(Op::Switch, is_set_type(e.type), std::move(*args));
    for (const lang::TableRow& row : e.table->rows) {
      if (!row.value) return fail(row.span, "a table row without a value");
      NodePtr value = lower(*row.value);
      if (!value) return nullptr;
      if (row.otherwise) {
        node->otherwise = std::move(value);
        continue;
      }
      if (row.keys.size() != keys.size()) return fail(row.span, "a table row with the wrong number of keys");
      ir::Case c;
      for (const auto& k : row.keys) {
        auto key = row_key(*k);
        if (!key) return nullptr;
        c.keys.push_back(*key);
      }
      c.value = std::move(value);
      node->cases.push_back(std::move(c));
    }
    if (!node->otherwise) return fail(e.table->span, "a table without an `otherwise` row");
    return node;
  }

  // The service map is fixed when the policy is compiled, so `dependents(s)` is a table:
  // one row per service something depends on, giving its dependents, otherwise the empty set.
  NodePtr lower_dependents(const Expr& e, const Expr* service) {
    if (!scope_.services) return fail(e.span, "`dependents` needs the program's service map");
    auto args = operands({service});
    if (!args) return nullptr;
    auto node = ir::make_op(Op::Switch, true, std::move(*args));
    for (const auto& [name, dependents] : *scope_.services) {
      ir::Case c;
      c.keys.push_back(scope_.strings->intern(name));
      std::vector<std::uint32_t> ids;
      for (const std::string& dependent : dependents) ids.push_back(scope_.strings->intern(dependent));
      c.value = ir::make_const_set(std::move(ids));
      node->cases.push_back(std::move(c));
    }
    node->otherwise = ir::make_const_set({});
    return node;
  }

  NodePtr lower_business_elapsed(const Expr& e) {
    if (!scope_.calendars) return fail(e.span, "`business_elapsed` needs the program's calendars");
    auto it = e.calendar ? scope_.calendars->find(e.calendar) : scope_.calendars->end();
    if (it == scope_.calendars->end()) return fail(e.span, "`business_elapsed` names a calendar that was not compiled");
    NodePtr node = op(Op::BusinessElapsed, false, {e.items.size() > 0 ? e.items[0].get() : nullptr, e.items.size() > 1 ? e.items[1].get() : nullptr});
    if (node) node->value = it->second;
    return node;
  }

  NodePtr lower_call(const Expr& e) {
    auto arg = [&](std::size_t i) { return i < e.items.size() ? e.items[i].get() : nullptr; };
    switch (e.call_kind) {
      case CallKind::Table: return lower_table(e);
      case CallKind::Has: return lower_has(e);
      case CallKind::Lower: return op(Op::Lower, false, {arg(0)});
      case CallKind::StartsWith: return op(Op::StartsWith, false, {arg(0), arg(1)});
      case CallKind::Len: return op(Op::Len, false, {arg(0)});
      case CallKind::Min: return op(Op::Min, false, {arg(0), arg(1)});
      case CallKind::Max: return op(Op::Max, false, {arg(0), arg(1)});
      // Not in this slice (docs/semantics.md, "Not yet compiled"): it needs calendars with
      // time zones at run time, which the evaluation context lacks.
      case CallKind::BusinessElapsed: return lower_business_elapsed(e);
      case CallKind::Dependents: return lower_dependents(e, arg(0));
      case CallKind::Unresolved: break;
    }
    return fail(e.span, fmt::format("the call of `{}` was not resolved by the checker", e.name.str()));
  }

  NodePtr lower_binary(const Expr& e) {
    const Expr* l = e.lhs.get();
    const Expr* r = e.rhs.get();
    if (!l || !r) return fail(e.span, "an operator without operands");
    bool sets = is_set_type(l->type);
    switch (e.binary_op) {
      case BinaryOp::Or: return op(Op::Or, false, {l, r});
      case BinaryOp::And: return op(Op::And, false, {l, r});
      case BinaryOp::Eq: return op(sets ? Op::SetEq : Op::Eq, false, {l, r});
      case BinaryOp::Ne:
        if (!sets) return op(Op::Ne, false, {l, r});
        return negate(op(Op::SetEq, false, {l, r}));
      case BinaryOp::Lt: return op(Op::Lt, false, {l, r});
      case BinaryOp::Le: return op(Op::Le, false, {l, r});
      case BinaryOp::Gt: return op(Op::Gt, false, {l, r});
      case BinaryOp::Ge: return op(Op::Ge, false, {l, r});
      case BinaryOp::In: return op(Op::In, false, {l, r});
      case BinaryOp::NotIn: return negate(op(Op::In, false, {l, r}));
      case BinaryOp::Contains: return op(Op::In, false, {r, l});
      case BinaryOp::ContainsAll: return op(Op::ContainsAll, false, {l, r});
      case BinaryOp::ContainsAny: return op(Op::ContainsAny, false, {l, r});
      case BinaryOp::Add: return op(Op::Add, false, {l, r});
      case BinaryOp::Sub: return op(Op::Sub, false, {l, r});
      case BinaryOp::Mul: return op(Op::Mul, false, {l, r});
      case BinaryOp::Div: return op(Op::Div, false, {l, r});
      case BinaryOp::Mod: return op(Op::Mod, false, {l, r});
    }
    return fail(e.span, "unknown operator");
  }

  static NodePtr negate(NodePtr n) {
    if (!n) return nullptr;
    std::vector<NodePtr> args;
    args.push_back(std::move(n));
    return ir::make_op(Op::Not, false, std::move(args));
  }

  NodePtr lower_if(const Expr& e) {
    if (e.items.size() != 3) return fail(e.span, "`if` needs a condition and two branches");
    return op(Op::If, is_set_type(e.type), {e.items[0].get(), e.items[1].get(), e.items[2].get()});
  }

  const LowerScope& scope_;
  std::optional<CompileError> error_;
  int const_depth_ = 0;
};

}  // namespace

std::variant<ir::NodePtr, CompileError> lower_expr(const lang::Expr& e, const LowerScope& scope) {
  if (!scope.layouts || !scope.strings) return CompileError{e.span, "lowering needs layouts and a string table"};
  Lowerer lowerer(scope);
  NodePtr node = lowerer.lower(e);
  if (lowerer.error()) return *lowerer.error();
  return node;
}

std::variant<ir::Function, CompileError> lower_function(const lang::Expr& e, const LowerScope& scope, std::string name) {
  auto body = lower_expr(e, scope);
  if (auto* error = std::get_if<CompileError>(&body)) return *error;
  ir::Function f;
  f.name = std::move(name);
  f.type = e.type;
  f.type.optional = false;
  f.body = std::move(std::get<ir::NodePtr>(body));
  return f;
}

}  // namespace writ::compiler
