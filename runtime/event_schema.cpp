#include "runtime/event_schema.hpp"

#include <fmt/format.h>

namespace writ::runtime {

namespace {

using compiler::FieldSlot;
using K = lang::Type::Kind;

// An enum's values listed in a message, at most this many.
constexpr std::size_t kListedEnumValues = 10;

bool is_reserved_slot(std::string_view name) {
  return name == "incident" || name == "at" || name == "type" || name == "id" || name == compiler::kActorIdField ||
         name == compiler::kActorRoleField;
}

std::string enum_values_text(const FieldSlot& f) {
  std::size_t listed = std::min(f.enum_values.size(), kListedEnumValues);
  std::string text = fmt::format("{}", fmt::join(f.enum_values.begin(), f.enum_values.begin() + static_cast<long>(listed), ", "));
  if (listed < f.enum_values.size()) text += ", …";
  return text;
}

}  // namespace

EventSchema make_event_schema(std::string_view name, const compiler::RecordLayout& layout, bool global,
                              compiler::StringTable& strings) {
  EventSchema s;
  s.name = name;
  s.layout = &layout;
  s.type_id = strings.intern(name);
  s.global = global;
  s.incident = layout.find("incident");
  s.at = layout.find("at");
  s.type = layout.find("type");
  s.id = layout.find("id");
  s.actor_id = layout.find(compiler::kActorIdField);
  s.actor_role = layout.find(compiler::kActorRoleField);
  for (const FieldSlot& f : layout.fields()) {
    if (!is_reserved_slot(f.name)) s.fields.push_back(&f);
  }
  return s;
}

std::string expected_json(const FieldSlot& f) {
  switch (f.type.kind) {
    case K::Duration: return "a duration string such as \"15m\" or \"1h30m\"";
    case K::Time: return "an RFC 3339 time string such as \"2026-12-25T08:00:00Z\"";
    case K::SetOfString: return "set<string>, an array of strings";
    case K::Enum: return fmt::format("a value of {} ({})", f.enum_name, enum_values_text(f));
    default: return type_word(f);
  }
}

std::string type_word(const FieldSlot& f) {
  switch (f.type.kind) {
    case K::Bool: return "bool";
    case K::Int: return "int";
    case K::String: return "string";
    case K::Duration: return "duration";
    case K::Time: return "time";
    case K::SetOfString: return "set<string>";
    case K::Enum: return f.enum_name;
    case K::Error:
    case K::Calendar: break;
  }
  return "value";
}

}  // namespace writ::runtime
