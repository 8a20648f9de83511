#pragma once
// An input event after decoding: its type and its record, laid out for the evaluators, with
// the reserved fields at hand for the engine (clock, incident routing, deduplication).
#include <cstdint>
#include <optional>
#include <string_view>

#include "compiler/record_layout.hpp"
#include "compiler/string_table.hpp"
#include "runtime/rejection.hpp"

namespace writ::runtime {

struct DecodedEvent {
  std::string_view type;                 // the declared type, viewing its ProgramLayouts key
  const compiler::RecordLayout* layout;  // the type's layout, which `record` follows
  compiler::Record record;               // reserved and schema fields, strings interned
  std::int64_t at = 0;                   // ms since the epoch
  std::optional<compiler::StringId> incident;  // absent exactly on global event types
  std::optional<compiler::StringId> id;
  compiler::StringId actor_id = 0;  // "" when the line names no actor
  compiler::StringId actor_role = 0;
};

// A rejection of a decoded event, for the reasons only the engine can judge, carrying the
// event's type, time and incident like the decoder's own rejections.
Rejection reject(const DecodedEvent& event, const compiler::StringTable& strings, RejectReason reason,
                 std::string message);
// "`at` 2026-11-26T09:00:00Z is before the engine clock 2026-11-26T09:05:00Z".
Rejection reject_before_clock(const DecodedEvent& event, std::int64_t clock, const compiler::StringTable& strings);

}  // namespace writ::runtime
