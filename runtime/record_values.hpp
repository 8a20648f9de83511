#pragma once
// Which values a decision's audit record holds, and in which order: the one definition
// behind both forms of a record (an AuditRecord, and the image the writer encodes).
#include <string_view>

#include "runtime/decision.hpp"

namespace writ::runtime {

// The name of a value a decision read begins with this: `read:event.severity`.
inline constexpr std::string_view kReadPrefix = "read:";

// Calls visit(prefix, name, text, quoted, sensitive) for each value of `d`'s record, in
// order: the fields its construct's conditions read (named with kReadPrefix), the values it
// produced, the message when there is one (`message`), and a target or a reason computed
// from a `@sensitive` field (`target`, `reason`). The value's name is prefix + name; its
// JSON text is `text`, or, when `quoted`, `text` as a JSON string.
template <class Visit>
void for_each_record_value(const Decision& d, Visit&& visit) {
  for (const DecisionValue& v : d.reads) visit(kReadPrefix, v.name, v.json, false, v.sensitive);
  for (const DecisionValue& v : d.values) visit(std::string_view(), v.name, v.json, false, v.sensitive);
  if (!d.message.empty()) visit(std::string_view(), "message", d.message, true, d.sensitive_message);
  if (d.sensitive_target) visit(std::string_view(), "target", d.target, true, true);
  if (d.sensitive_reason) visit(std::string_view(), "reason", d.reason, true, true);
}

// The record's own target and reason: empty when computed from a `@sensitive` field, since
// only values can be redacted.
inline std::string_view record_target(const Decision& d) { return d.sensitive_target ? std::string_view() : d.target; }
inline std::string_view record_reason(const Decision& d) { return d.sensitive_reason ? std::string_view() : d.reason; }

}  // namespace writ::runtime
