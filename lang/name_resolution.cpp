// Names in expressions: `event.f`, `started.f`, `actor.id`, `state.f`, `global.f`, `now`,
// `age`, constants and enum values (bare, `Tier.P1`, `itil.x`), part of the TypeChecker.
#include <algorithm>
#include <fmt/format.h>
#include <span>

#include "lang/suggest.hpp"
#include "lang/type_checker.hpp"

namespace writ::lang::detail {

namespace {

using K = Type::Kind;

// A field an event has: its type, and its name as stored for NameResolution::field (the
// declaration's, or a static string for a built-in field).
struct EventField {
  Type type;
  std::string_view name;
};

// Fields every event carries besides its schema's. `incident` only on incident events.
std::optional<EventField> builtin_event_field(const EventDecl& event, std::string_view field) {
  if (field == "at") return EventField{Type::of(K::Time), "at"};
  if (field == "type") return EventField{Type::of(K::String), "type"};
  if (field == "incident" && !event.global) return EventField{Type::of(K::String), "incident"};
  if (field == "id") {
    Type t = Type::of(K::String);
    t.optional = true;
    return EventField{t, "id"};
  }
  return std::nullopt;
}

std::optional<EventField> event_field(const EventDecl& event, std::string_view field) {
  if (auto f = builtin_event_field(event, field)) return f;
  for (const FieldDecl& f : event.fields) {
    if (f.name.text == field) return EventField{f.resolved_type, f.name.text};
  }
  return std::nullopt;
}

std::vector<std::string> event_field_names(const EventDecl& event) {
  std::vector<std::string> names;
  for (const FieldDecl& f : event.fields) names.push_back(f.name.text);
  for (const char* builtin : {"at", "type", "incident", "id"}) names.emplace_back(builtin);
  return names;
}

Span tail_span(const Path& path) { return Span::cover(path.parts[1].span, path.parts.back().span); }

std::string tail_text(const Path& path) {
  std::string out;
  for (std::size_t i = 1; i < path.parts.size(); ++i) out += (i > 1 ? "." : "") + path.parts[i].text;
  return out;
}

// The position of `value` among the values of `decl`, or -1; without building the list of
// names that only "did you mean" needs.
int enum_value_index(const EnumDecl& decl, std::string_view value) {
  for (std::size_t i = 0; i < decl.values.size(); ++i) {
    if (decl.values[i].text == value) return static_cast<int>(i);
  }
  return -1;
}

std::vector<std::string> enum_value_names(const EnumDecl& decl) {
  std::vector<std::string> names;
  for (const Ident& v : decl.values) names.push_back(v.text);
  return names;
}

// Help for a value `decl` lacks: the value meant, when one is closest; otherwise, for an
// enum short enough to read at a glance, its values (`P7` is as close to `P1` as to `P3`).
std::string enum_value_help(std::string_view name, const EnumDecl& decl) {
  constexpr std::size_t kListed = 8;
  auto values = enum_value_names(decl);
  auto close = closest_names(name, values);
  if (close.size() == 1) return fmt::format("did you mean `{}`?", close.front());
  if (values.empty() || values.size() > kListed) return {};
  std::vector<std::string> quoted;
  for (const auto& v : values) quoted.push_back(fmt::format("`{}`", v));
  return fmt::format("`{}` has the values {}", decl.name.text, fmt::join(quoted, ", "));
}

// Every name a bare identifier could mean in `unit`, for "did you mean".
std::vector<std::string> value_names(const UnitSymbols& unit) {
  std::vector<std::string> names = names_where(unit, is_kind<ConstDecl>);
  for (const auto& [value, _] : unit.enum_values) names.push_back(value);
  names.emplace_back("now");
  names.emplace_back("age");
  return names;
}

}  // namespace

Type TypeChecker::check_name(Expr& e, const Context& ctx, const Type* expected, bool under_has) {
  if (e.name.parts.empty()) return Type::error();
  if (e.name.parts.size() == 1) return check_bare_name(e, ctx, expected);
  const std::string& head = e.name.parts[0].text;
  if (head == "event") return check_event_field(e, ctx, false, under_has);
  if (head == "started") return check_event_field(e, ctx, true, under_has);
  if (head == "actor") return check_actor(e, ctx);
  if (head == "state") return check_record_field(e, ctx, false);
  if (head == "global") return check_record_field(e, ctx, true);
  return check_qualified_name(e, ctx);
}

Type TypeChecker::check_event_field(Expr& e, const Context& ctx, bool started, bool under_has) {
  if (!(started ? may_read_started(ctx, e.span, diags_) : may_read_event(ctx, e.span, diags_))) {
    return Type::error();
  }
  // A view, not a copy: this runs for every `event.f` of the policy.
  const EventDecl* const started_event[] = {ctx.started};
  using Events = std::span<const EventDecl* const>;
  Events events = started ? Events(started_event) : Events(ctx.events);
  std::string field = tail_text(e.name);
  std::optional<Type> type;
  std::string_view stored_name;
  for (const EventDecl* event : events) {
    auto found = event_field(*event, field);
    if (!found) {
      auto& d = diags_.error(Code::UnknownField, tail_span(e.name),
                             fmt::format("`{}` is not a field of `{}`", field, event->type.str()));
      if (field == "incident" && event->global) {
        d.help = "a global event belongs to no incident";
      } else {
        d.help = did_you_mean(field, event_field_names(*event));
      }
      return Type::error();
    }
    const Type& t = found->type;
    if (type && !(type->same(t) && type->optional == t.optional)) {
      diags_.error(Code::TypeMismatch, tail_span(e.name),
                   fmt::format("`{}` is `{}` in `{}` but `{}` in `{}`", field, type_name(*type),
                               events.front()->type.str(), type_name(t), event->type.str()));
      return Type::error();
    }
    if (!type) stored_name = found->name;  // in events.front(), like resolved.event
    type = t;
  }
  e.resolved.kind = started ? NameKind::StartedField : NameKind::EventField;
  e.resolved.event = events.front();
  e.resolved.field = stored_name;
  return optional_read(e, *type, under_has);
}

Type TypeChecker::optional_read(Expr& e, Type type, bool under_has) {
  if (!type.optional || under_has) return type;
  type.optional = false;
  std::string path = e.name.str();
  if (std::find(present_.begin(), present_.end(), path) != present_.end()) return type;
  auto& d = diags_.error(Code::OptionalWithoutHas, e.span, fmt::format("`{}` is optional and may be absent here", path));
  d.help = fmt::format("read it under a test: `has({0}) and ...`, or `if has({0}) then ... else ...`", path);
  return type;
}

Type TypeChecker::check_actor(Expr& e, const Context& ctx) {
  if (!may_read_actor(ctx, e.span, diags_)) return Type::error();
  std::string field = tail_text(e.name);
  if (field == "id" || field == "role") {
    e.resolved.kind = field == "id" ? NameKind::ActorId : NameKind::ActorRole;
    return Type::of(K::String);
  }
  auto& d = diags_.error(Code::UnknownField, tail_span(e.name), fmt::format("`{}` is not a field of `actor`", field));
  d.help = did_you_mean(field, {"id", "role"});
  if (d.help.empty()) d.help = "an actor has an `id` and a `role`";
  return Type::error();
}

Type TypeChecker::check_record_field(Expr& e, const Context& ctx, bool global) {
  std::string_view record = global ? "global" : "state";
  if (global ? !may_read_runtime(ctx, e.span, diags_, "`global`")
             : !may_use_state(ctx, e.span, diags_, "`state`", "read")) {
    return Type::error();
  }
  std::string field = tail_text(e.name);
  const auto& fields = global ? symbols_.global_fields : symbols_.state_fields;
  e.resolved.kind = global ? NameKind::GlobalField : NameKind::StateField;
  if (!global && field == "opened_at") {
    e.resolved.field = "opened_at";
    return Type::of(K::Time);
  }
  if (auto it = fields.find(field); it != fields.end()) {
    e.resolved.field = it->second->name.text;  // the declaration's, which outlives the symbol tables
    return it->second->resolved_type;
  }
  std::vector<std::string> names;
  for (const auto& [name, _] : fields) names.push_back(name);
  if (!global) names.emplace_back("opened_at");
  auto& d = diags_.error(Code::UnknownField, tail_span(e.name), fmt::format("`{}` is not a field of `{}`", field, record));
  d.help = did_you_mean(field, names);
  e.resolved = {};
  return Type::error();
}

Type TypeChecker::check_bare_name(Expr& e, const Context& ctx, const Type* expected) {
  const std::string& name = e.name.parts[0].text;
  if (name == "now") {
    if (!may_read_runtime(ctx, e.span, diags_, "`now`")) return Type::error();
    e.resolved.kind = NameKind::Now;
    return Type::of(K::Time);
  }
  if (name == "age") {
    if (!may_read_runtime(ctx, e.span, diags_, "`age`") || !may_use_state(ctx, e.span, diags_, "`age`", "read")) {
      return Type::error();
    }
    e.resolved.kind = NameKind::Age;
    return Type::of(K::Duration);
  }
  const EnumDecl* wanted = expected && expected->kind == K::Enum ? expected->enum_decl : nullptr;
  if (wanted && enum_value_index(*wanted, name) >= 0) return check_enum_member(e, *wanted, e.name.parts[0]);
  const Symbol* s = ctx.unit->find(name);
  if (s && s->get<ConstDecl>()) return use_const(e, *s->get<ConstDecl>());
  if (auto it = ctx.unit->enum_values.find(name); it != ctx.unit->enum_values.end()) {
    if (it->second.size() == 1) return check_enum_member(e, *it->second[0].decl, e.name.parts[0]);
    std::vector<std::string> choices;
    for (const EnumValueRef& ref : it->second) choices.push_back(fmt::format("`{}.{}`", ref.decl->name.text, name));
    auto& d = diags_.error(Code::AmbiguousEnumValue, e.span, fmt::format("`{}` is a value of several enums", name));
    d.help = fmt::format("say which one: {}", fmt::join(choices, " or "));
    return Type::error();
  }
  if (s) {
    diags_.error(Code::WrongKindOfName, e.span, fmt::format("`{}` is {}, not a value", name, symbol_kind_text(*s)));
    return Type::error();
  }
  // The expected type is already in error (an unknown enum, say): this was likely one of
  // its values, so say nothing more.
  if (expected && expected->is_error()) return Type::error();
  if (wanted) {
    auto& d = diags_.error(Code::UnknownEnumValue, e.span, fmt::format("`{}` is not a value of `{}`", name, wanted->name.text));
    d.help = enum_value_help(name, *wanted);
    return Type::error();
  }
  auto& d = diags_.error(Code::UnknownName, e.span, fmt::format("nothing is named `{}`", name));
  d.help = field_hint(name, ctx);
  if (d.help.empty()) d.help = did_you_mean(name, value_names(*ctx.unit));
  return Type::error();
}

// A bare name that is a field of the state, the global record or the event at hand: in an
// expression it is written with its record (only `set` takes a bare state field).
std::string TypeChecker::field_hint(std::string_view name, const Context& ctx) const {
  auto read_as = [](std::string_view record, std::string_view field) {
    return fmt::format("did you mean `{}.{}`?", record, field);
  };
  if (symbols_.state_fields.count(name) != 0 || name == "opened_at") return read_as("state", name);
  if (symbols_.global_fields.count(name) != 0) return read_as("global", name);
  if (!ctx.events.empty()) {
    const EventDecl& event = *ctx.events.front();
    for (const FieldDecl& f : event.fields) {
      if (f.name.text == name) return read_as("event", name);
    }
  }
  return {};
}

Type TypeChecker::check_qualified_name(Expr& e, const Context& ctx) {
  const auto& parts = e.name.parts;
  const Symbol* s = ctx.unit->find(parts[0].text);
  if (s && s->get<EnumDecl>() && parts.size() == 2) return check_enum_member(e, *s->get<EnumDecl>(), parts[1]);
  if (s) {
    diags_.error(Code::WrongKindOfName, e.span,
                 fmt::format("`{}` is {}: it has no member `{}`", parts[0].text, symbol_kind_text(*s), tail_text(e.name)));
    return Type::error();
  }
  if (const UnitSymbols* module = ctx.unit->imported(parts[0].text)) {
    if (parts.size() == 2) return check_module_member(e, *module, parts[1]);
    const Symbol* inner = module->find(parts[1].text);
    if (inner && inner->get<EnumDecl>() && parts.size() == 3) return check_enum_member(e, *inner->get<EnumDecl>(), parts[2]);
    diags_.error(Code::UnknownName, e.span, fmt::format("`{}` names no value of `{}`", e.name.str(), parts[0].text));
    return Type::error();
  }
  if (symbols_.event(e.name.str())) {
    auto& d = diags_.error(Code::WrongKindOfName, e.span, fmt::format("`{}` is an event type, not a value", e.name.str()));
    d.help = "the event being processed is read field by field, as `event.FIELD`; its type is `event.type`";
    return Type::error();
  }
  std::vector<std::string> heads = names_where(*ctx.unit, is_kind<EnumDecl>);
  for (const auto& [name, _] : ctx.unit->imports) heads.push_back(name);
  for (const char* root : {"event", "started", "actor", "state", "global"}) heads.emplace_back(root);
  auto& d = diags_.error(Code::UnknownName, parts[0].span, fmt::format("nothing is named `{}`", parts[0].text));
  d.help = did_you_mean(parts[0].text, heads);
  return Type::error();
}

Type TypeChecker::check_enum_member(Expr& e, const EnumDecl& decl, const Ident& value) {
  int index = enum_value_index(decl, value.text);
  if (index < 0) {
    auto& d = diags_.error(Code::UnknownEnumValue, value.span,
                           fmt::format("`{}` is not a value of `{}`", value.text, decl.name.text));
    d.help = enum_value_help(value.text, decl);
    return Type::error();
  }
  e.resolved.kind = NameKind::EnumValue;
  e.resolved.enum_decl = &decl;
  e.resolved.enum_index = index;
  return Type::enumeration(&decl);
}

Type TypeChecker::check_module_member(Expr& e, const UnitSymbols& module, const Ident& name) {
  const Symbol* s = module.find(name.text);
  if (s && s->get<ConstDecl>()) return use_const(e, *s->get<ConstDecl>());
  auto it = module.enum_values.find(name.text);
  if (it != module.enum_values.end() && it->second.size() == 1) return check_enum_member(e, *it->second[0].decl, name);
  if (it != module.enum_values.end()) {
    diags_.error(Code::AmbiguousEnumValue, e.span,
                 fmt::format("`{}` is a value of several enums of `{}`; name the enum", name.text, e.name.parts[0].text));
  } else if (s) {
    diags_.error(Code::WrongKindOfName, e.span, fmt::format("`{}` is {}, not a value", e.name.str(), symbol_kind_text(*s)));
  } else {
    auto& d = diags_.error(Code::UnknownName, name.span,
                           fmt::format("`{}` has no constant or enum value named `{}`", e.name.parts[0].text, name.text));
    d.help = did_you_mean(name.text, value_names(module));
  }
  return Type::error();
}

Type TypeChecker::use_const(Expr& e, ConstDecl& c) {
  e.resolved.kind = NameKind::Const;
  e.resolved.constant = &c;
  const_uses_.push_back(e.span);
  Type t = const_type(c);
  const_uses_.pop_back();
  return t;
}

}  // namespace writ::lang::detail
