#include "runtime/value_text.hpp"

#include <cstring>

#include "lang/json_writer.hpp"
#include "lang/literals.hpp"

namespace writ::runtime {

namespace {

using Kind = compiler::ValueType::Kind;

std::vector<std::string_view> set_members(const std::int64_t* words, const compiler::StringTable& strings) {
  std::uintptr_t address = 0;
  std::memcpy(&address, &words[0], sizeof address);
  const auto* ids = reinterpret_cast<const std::uint32_t*>(address);
  std::vector<std::string_view> out;
  for (std::int64_t i = 0; i < words[1]; ++i) out.push_back(strings.text(ids[i]));
  return out;
}

std::string enum_name(const compiler::ValueType& type, std::int64_t index) {
  if (index >= 0 && static_cast<std::size_t>(index) < type.enum_values.size()) return type.enum_values[index];
  return std::to_string(index);
}

std::string quoted(std::string_view s) { return lang::json_quote(s); }

}  // namespace

std::string message_value(const compiler::ValueType& type, const std::int64_t* words, const compiler::StringTable& strings) {
  switch (type.kind) {
    case Kind::Bool: return words[0] ? "true" : "false";
    case Kind::Int: return std::to_string(words[0]);
    case Kind::String: return strings.text(static_cast<compiler::StringId>(words[0]));
    case Kind::Duration: return lang::format_duration(words[0]);
    case Kind::Time: return lang::format_time(words[0]);
    case Kind::Enum: return enum_name(type, words[0]);
    case Kind::Set: {
      std::string out = "{";
      for (std::string_view member : set_members(words, strings)) {
        if (out.size() > 1) out += ", ";
        out += quoted(member);
      }
      return out + "}";
    }
  }
  return {};
}

std::string json_value(const compiler::ValueType& type, const std::int64_t* words, const compiler::StringTable& strings) {
  switch (type.kind) {
    case Kind::Bool:
    case Kind::Int: return message_value(type, words, strings);
    case Kind::Set: {
      std::string out = "[";
      for (std::string_view member : set_members(words, strings)) {
        if (out.size() > 1) out += ",";
        out += quoted(member);
      }
      return out + "]";
    }
    default: return quoted(message_value(type, words, strings));
  }
}

std::string message_value(const compiler::SlotRef& ref, const std::int64_t* slots, const compiler::StringTable& strings) {
  return message_value(ref.type, slots + ref.slot, strings);
}

std::string json_value(const compiler::SlotRef& ref, const std::int64_t* slots, const compiler::StringTable& strings) {
  return json_value(ref.type, slots + ref.slot, strings);
}

std::string render_message(const compiler::MessagePlan& message, const std::int64_t* slots,
                           const compiler::StringTable& strings) {
  std::string out;
  for (const auto& part : message.parts) {
    if (const auto* text = std::get_if<std::string>(&part)) out += *text;
    else out += message_value(std::get<compiler::SlotRef>(part), slots, strings);
  }
  return out;
}

DecisionValue decision_value(std::string name, const compiler::SlotRef& ref, const std::int64_t* slots,
                             const compiler::StringTable& strings) {
  return DecisionValue{std::move(name), json_value(ref, slots, strings), ref.sensitive};
}

DecisionValue read_value(const compiler::FieldRead& read, const std::int64_t* slots,
                         const compiler::StringTable& strings) {
  bool absent = read.present_slot && slots[*read.present_slot] == 0;
  return DecisionValue{read.name, absent ? "null" : json_value(read.value, slots, strings), read.value.sensitive};
}

}  // namespace writ::runtime
