#pragma once
// Values computed by compiled code, as people read them: in messages (`because`, `message`,
// `audit`), in the JSON lines of decisions, and in audit records. LANGUAGE.md fixes the
// message forms: durations as literals (`1h30m`), times as RFC 3339 UTC, sets as
// `{"a", "b"}`, enums by name.
#include <cstdint>
#include <string>

#include "compiler/plan.hpp"
#include "compiler/string_table.hpp"
#include "runtime/decision.hpp"

namespace writ::runtime {

// The value of `ref` in `slots`, as interpolated into a message: strings bare, without quotes.
std::string message_value(const compiler::SlotRef& ref, const std::int64_t* slots, const compiler::StringTable& strings);
// The whole message with its holes filled.
std::string render_message(const compiler::MessagePlan& message, const std::int64_t* slots,
                           const compiler::StringTable& strings);
// The value as JSON: numbers for ints, booleans, strings for everything else except sets,
// which are arrays of strings. Durations and times keep their Writ text forms.
std::string json_value(const compiler::SlotRef& ref, const std::int64_t* slots, const compiler::StringTable& strings);
// The same for a value given as its words (a record field): `words` points at its first word.
std::string json_value(const compiler::ValueType& type, const std::int64_t* words, const compiler::StringTable& strings);
std::string message_value(const compiler::ValueType& type, const std::int64_t* words, const compiler::StringTable& strings);

// A decision's value named `name`: json_value(), sensitive as `ref` is.
DecisionValue decision_value(std::string name, const compiler::SlotRef& ref, const std::int64_t* slots,
                             const compiler::StringTable& strings);
// The value a condition read, as its routine copied it: `null` for an absent optional field.
DecisionValue read_value(const compiler::FieldRead& read, const std::int64_t* slots,
                         const compiler::StringTable& strings);

}  // namespace writ::runtime
