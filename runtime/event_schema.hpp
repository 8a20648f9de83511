#pragma once
// An event type as the decoder reads it: its layout, the slots of its reserved fields, its
// schema's own fields, and how each field's type is written in JSON (docs/events.md).
#include <string>
#include <string_view>
#include <vector>

#include "compiler/record_layout.hpp"
#include "compiler/string_table.hpp"

namespace writ::runtime {

struct EventSchema {
  std::string_view name;  // views the ProgramLayouts key
  const compiler::RecordLayout* layout = nullptr;
  compiler::StringId type_id = 0;  // the interned name, the record's `type`
  bool global = false;
  const compiler::FieldSlot* incident = nullptr;
  const compiler::FieldSlot* at = nullptr;
  const compiler::FieldSlot* type = nullptr;
  const compiler::FieldSlot* id = nullptr;
  const compiler::FieldSlot* actor_id = nullptr;
  const compiler::FieldSlot* actor_role = nullptr;
  std::vector<const compiler::FieldSlot*> fields;  // the schema's own, in declaration order
};

// `name` and `layout` must outlive the schema. Interns the type's name.
EventSchema make_event_schema(std::string_view name, const compiler::RecordLayout& layout, bool global,
                              compiler::StringTable& strings);

// How a value of the field's type is written, for "expected ..." messages:
// `a duration string such as "15m" or "1h30m"`, `a value of Tier (P1, P2, P3, P4)`.
std::string expected_json(const compiler::FieldSlot& field);
// The field's Writ type without `?`: `int`, `set<string>`, `Tier`.
std::string type_word(const compiler::FieldSlot& field);

}  // namespace writ::runtime
