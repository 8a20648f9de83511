#pragma once
// One decision or action of the engine: what `writ replay` prints as a JSON line, what an
// embedding application receives, and what the audit trail records. docs/runtime.md lists
// the kinds and their fields.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace writ::runtime {

// A value of a decision, as JSON text.
struct DecisionValue {
  std::string name;
  std::string json;
  // Computed from a `@sensitive` field: the audit trail keeps a salted digest beside it,
  // so a redacted export can drop it (docs/audit.md, "Sensitive values").
  bool sensitive = false;
};

// kind, construct, name, where and outcome view texts that outlive every decision of an
// engine: static ones, the Plan's, or the engine's own (Engine::where_text); they stay valid
// as long as the engine and its Plan. A decision kept longer needs its own copy of them.
struct Decision {
  std::int64_t seq = 0;  // set by the engine: 1, 2, 3, ... per run
  std::int64_t at = 0;   // ms since the epoch: the engine clock when it happened
  std::string_view kind;       // `event`, `rejected`, `denied`, `notify`, `breach`, ...
  std::string incident;        // "" for engine-wide decisions
  std::string_view construct;  // the construct kind that decided (`rule`, `sla`, ...); "" for input
  std::string_view name;       // its name
  std::string_view where;      // its `file:line:col`
  std::string_view outcome;    // `applied`, `denied`, `met`, `breached`, ...
  std::string target;    // a recipient, an event type, a ladder, a field, ...
  std::string reason;    // why (denials, rejections)
  std::string message;   // a rendered message
  // Values the decision produced, by name: printed and recorded.
  std::vector<DecisionValue> values;
  // The fields the deciding construct's conditions read, named as written (`event.severity`)
  // and valued as the conditions saw them: recorded in the audit trail, not printed.
  std::vector<DecisionValue> reads;
  // The target, the reason or the message was computed from a `@sensitive` field.
  bool sensitive_target = false;
  bool sensitive_reason = false;
  bool sensitive_message = false;
};

// One JSON object on one line, keys in a fixed order, empty fields left out.
std::string to_json(const Decision& d, const std::string& policy_hash);
// The same, appended to `out`: a caller printing many decisions reuses one buffer.
void append_json(std::string& out, const Decision& d, std::string_view policy_hash);

}  // namespace writ::runtime
