// The data declarations of the Program, which the Plan compiles away: enums, constants with
// their values, tables with every row, calendars, the services map, and the state and global
// fields with their initial values.
#include <algorithm>
#include <map>

#include "compiler/explain_impl.hpp"
#include "compiler/interpreter.hpp"
#include "compiler/lower_expr.hpp"
#include "compiler/set_arena.hpp"
#include "lang/expr_printer.hpp"
#include "lang/literals.hpp"

namespace writ::compiler::detail {

namespace {

// The groups in the order the listing shows them.
constexpr const char* kGroups[][2] = {
    {"enums", "Enums (values in order: the first is the lowest)"},
    {"constants", "Constants"},
    {"tables", "Tables (a call takes the first row whose keys match)"},
    {"calendars", "Calendars"},
    {"services", "Services (service -> the services it depends on)"},
    {"state", "State (one record per incident, created at its first event)"},
    {"global", "Global (one engine-wide record)"},
};

const char* group_of(const lang::Decl& decl) {
  if (std::holds_alternative<lang::EnumDecl>(decl)) return "enums";
  if (std::holds_alternative<lang::ConstDecl>(decl)) return "constants";
  if (std::holds_alternative<lang::TableDecl>(decl)) return "tables";
  if (std::holds_alternative<lang::CalendarDecl>(decl)) return "calendars";
  if (std::holds_alternative<lang::ServicesDecl>(decl)) return "services";
  if (const auto* s = std::get_if<lang::StateDecl>(&decl)) return s->global ? "global" : "state";
  return nullptr;
}

// A literal shows its own value; anything else is shown with the value it computes.
bool is_literal(const lang::Expr& e) {
  using K = lang::Expr::Kind;
  switch (e.kind) {
    case K::Bool:
    case K::Int:
    case K::String:
    case K::Duration:
    case K::Time: return true;
    case K::Set:
      return std::all_of(e.items.begin(), e.items.end(), [](const lang::ExprPtr& item) { return item && is_literal(*item); });
    case K::Name: return e.resolved.kind == lang::NameKind::EnumValue;
    case K::Unary: return e.unary_op == lang::UnaryOp::Neg && e.lhs && is_literal(*e.lhs);
    default: return false;
  }
}

std::optional<std::string> value_text(const Value& v, const lang::Type& type, const StringTable& strings) {
  using K = lang::Type::Kind;
  switch (type.kind) {
    case K::Bool: return v.scalar ? "true" : "false";
    case K::Int: return std::to_string(v.scalar);
    case K::Duration: return lang::format_duration(v.scalar);
    case K::Time: return lang::format_time(v.scalar);
    case K::String: return lang::quote_string(strings.text(static_cast<StringId>(v.scalar)));
    case K::SetOfString: {
      std::vector<std::string> texts;
      for (std::uint32_t id : v.set) texts.push_back(lang::quote_string(strings.text(id)));
      std::sort(texts.begin(), texts.end());
      std::string out;
      for (const auto& t : texts) out += (out.empty() ? "" : ", ") + t;
      return "{" + out + "}";
    }
    case K::Enum:
      if (type.enum_decl && v.scalar >= 0 && static_cast<std::size_t>(v.scalar) < type.enum_decl->values.size()) {
        return type.enum_decl->values[static_cast<std::size_t>(v.scalar)].text;
      }
      return std::nullopt;
    default: return std::nullopt;
  }
}

std::string keys_text(const std::vector<std::string>& keys) {
  std::string out;
  for (const auto& k : keys) out += (out.empty() ? "" : ", ") + k;
  return keys.size() == 1 ? out : "(" + out + ")";
}

std::string day_text(const lang::CalendarDate& d) { return lang::format_date({d.year, d.month, d.day}); }

std::string closed_text(const lang::ClosedDays& c) {
  bool single = c.first.year == c.last.year && c.first.month == c.last.month && c.first.day == c.last.day;
  return single ? day_text(c.first) : day_text(c.first) + ".." + day_text(c.last);
}

}  // namespace

std::optional<std::string> Explainer::constant_value(const lang::Expr& e) const {
  StringTable strings;
  SetArena arena;
  auto lowered = lower_expr(e, LowerScope{&plan_.layouts, nullptr, &strings});
  // What the compiler cannot evaluate yet (dependents(), say) is shown as written.
  if (std::holds_alternative<CompileError>(lowered)) return std::nullopt;
  EvalContext ctx{nullptr, nullptr, nullptr, nullptr, 0, &strings, &arena};
  Value v = Interpreter::evaluate_node(*std::get<ir::NodePtr>(lowered), ctx);
  return value_text(v, e.type, strings);
}

std::string Explainer::constant_text(const lang::Expr& e) const {
  std::string text = lang::normalized_expr_text(e);
  if (is_literal(e)) return text;
  auto value = constant_value(e);
  return value ? text + " (= " + *value + ")" : text;
}

std::vector<ExplainItem> Explainer::declarations() const {
  std::map<std::string, ExplainItem> groups;
  for (const auto& module : program_.modules) {
    for (const lang::Decl& decl : module->decls) {
      const char* group = group_of(decl);
      if (!group) continue;
      ExplainItem item = declaration_item(*module, decl);
      // Several state or global blocks make one record, and several services blocks one
      // map: their lines are listed together.
      auto& items = groups[group].items;
      if (std::holds_alternative<lang::StateDecl>(decl) || std::holds_alternative<lang::ServicesDecl>(decl)) {
        for (auto& field : item.items) items.push_back(std::move(field));
      } else {
        items.push_back(std::move(item));
      }
    }
  }
  std::vector<ExplainItem> out;
  for (const auto& [kind, title] : kGroups) {
    auto it = groups.find(kind);
    if (it == groups.end()) continue;
    ExplainItem group = std::move(it->second);
    group.kind = kind;
    group.text = title;
    if (group.kind == std::string("state")) {
      ExplainItem opened;
      opened.kind = "field";
      opened.name = "opened_at";
      opened.text = "opened_at: time = the time of the incident's first event (built in)";
      group.items.insert(group.items.begin(), std::move(opened));
    }
    out.push_back(std::move(group));
  }
  return out;
}

ExplainItem Explainer::declaration_item(const lang::Module& module, const lang::Decl& decl) const {
  std::string prefix = unit_prefix(module);
  ExplainItem item;
  item.where = where(lang::decl_span(decl));
  for (const auto& a : lang::decl_annotations(decl)) item.annotations.push_back(lang::annotation_text(a));
  if (const auto* e = std::get_if<lang::EnumDecl>(&decl)) {
    item.kind = "enum";
    item.name = prefix + e->name.text;
    std::string values;
    for (const auto& v : e->values) values += (values.empty() ? "" : ", ") + v.text;
    item.text = "enum " + item.name + " { " + values + " }";
  } else if (const auto* c = std::get_if<lang::ConstDecl>(&decl)) {
    item.kind = "const";
    item.name = prefix + c->name.text;
    item.text = "const " + item.name + " = " + (c->value ? constant_text(*c->value) : std::string());
  } else if (const auto* t = std::get_if<lang::TableDecl>(&decl)) {
    ExplainItem table = table_item(prefix + t->name.text, *t);
    table.where = item.where;
    table.annotations = std::move(item.annotations);
    return table;
  } else if (const auto* cal = std::get_if<lang::CalendarDecl>(&decl)) {
    ExplainItem calendar = calendar_item(prefix + cal->name.text, *cal);
    calendar.where = item.where;
    calendar.annotations = std::move(item.annotations);
    return calendar;
  } else if (const auto* s = std::get_if<lang::ServicesDecl>(&decl)) {
    item.kind = "services";
    for (const lang::ServiceEdge& edge : s->edges) {
      ExplainItem line;
      line.kind = "service";
      line.name = edge.service;
      line.text = lang::quote_string(edge.service) + " ->";
      for (std::size_t i = 0; i < edge.depends_on.size(); ++i) {
        line.text += (i ? ", " : " ") + lang::quote_string(edge.depends_on[i]);
      }
      line.where = where(edge.span);
      item.items.push_back(std::move(line));
    }
  } else if (const auto* st = std::get_if<lang::StateDecl>(&decl)) {
    for (const lang::StateField& f : st->fields) item.items.push_back(field_item(f));
  }
  return item;
}

ExplainItem Explainer::table_item(const std::string& name, const lang::TableDecl& table) const {
  ExplainItem item;
  item.kind = "table";
  item.name = name;
  std::vector<std::string> key_types;
  for (const auto& k : table.key_types) key_types.push_back(lang::type_ref_text(k));
  item.text = "table " + name + ": " + keys_text(key_types) + " -> " + lang::type_ref_text(table.value_type);
  for (const lang::TableRow& row : table.rows) {
    std::vector<std::string> keys;
    for (const auto& k : row.keys) keys.push_back(k ? lang::normalized_expr_text(*k) : std::string());
    ExplainItem line;
    line.kind = "row";
    line.text = (row.otherwise ? std::string("otherwise") : keys_text(keys)) + " => " +
                (row.value ? constant_text(*row.value) : std::string());
    line.where = where(row.span);
    item.items.push_back(std::move(line));
  }
  return item;
}

ExplainItem Explainer::calendar_item(const std::string& name, const lang::CalendarDecl& calendar) const {
  ExplainItem item;
  item.kind = "calendar";
  item.name = name;
  item.text = "calendar " + name + ": zone " + lang::quote_string(calendar.zone);
  for (const lang::OpenHours& open : calendar.open) {
    ExplainItem line;
    line.kind = "open";
    std::string days = lang::weekday_text(open.first_day);
    if (open.last_day != open.first_day) days += std::string("..") + lang::weekday_text(open.last_day);
    line.text = "open " + days + " " + lang::format_clock(open.from_minute) + ".." + lang::format_clock(open.to_minute);
    line.where = where(open.span);
    item.items.push_back(std::move(line));
  }
  // Closed days as the author grouped them: one line per source line.
  for (const lang::ClosedDays& closed : calendar.closed) {
    SourceRef at = where(closed.span);
    if (!item.items.empty() && item.items.back().kind == "closed" && item.items.back().where->line == at.line) {
      item.items.back().text += ", " + closed_text(closed);
      continue;
    }
    ExplainItem line;
    line.kind = "closed";
    line.text = "closed " + closed_text(closed);
    line.where = at;
    item.items.push_back(std::move(line));
  }
  return item;
}

ExplainItem Explainer::field_item(const lang::StateField& field) const {
  ExplainItem item;
  item.kind = "field";
  item.name = field.name.text;
  item.text = field.name.text + ": " + lang::type_ref_text(field.type) + " = " +
              (field.initial ? constant_text(*field.initial) : std::string());
  item.where = where(field.span);
  for (const auto& a : field.annotations) item.annotations.push_back(lang::annotation_text(a));
  return item;
}

}  // namespace writ::compiler::detail
