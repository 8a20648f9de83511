#pragma once
// The engine's state as a checkpoint stores it (docs/audit.md, "The checkpoint's state"):
// an engine-wide part, rewritten whole at every checkpoint, and keyed rows (an incident
// each, plus chunks of interned strings and seen ids) of which a checkpoint writes only the
// ones that changed since the last, so its cost follows the events of the batch, not the
// number of open incidents. Opaque bytes to the audit store.
#include <optional>
#include <string>
#include <vector>

namespace writ::runtime {

// One keyed row: written when `value` is set, deleted when it is not.
struct StateRow {
  std::string key;
  std::optional<std::string> value;
  bool operator==(const StateRow&) const = default;
};

struct EngineState {
  // The engine-wide part: clock, counters, globals, engine-wide instances and timers, freeze
  // windows, correlation groups.
  std::string engine;
  // The rows to write or delete.
  std::vector<StateRow> rows;
  // The rows are the whole state: every row stored before is to be dropped first.
  bool whole = false;
  bool operator==(const EngineState&) const = default;
};

}  // namespace writ::runtime
