#pragma once
// One decision or action of an engine: what `writ replay` prints as a JSON line and the
// audit trail records (docs/embedding.md lists the fields; docs/events.md the input).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "writ/time.hpp"

namespace writ {

struct Decision {
  std::int64_t seq = 0;  // 1, 2, 3, ... per engine; 0 in the answer to a query
  Time at{};             // the engine clock when it happened
  std::string kind;      // `event`, `rejected`, `denied`, `blocked`, `notify`, `breach`, ...
  std::string incident;  // "" for engine-wide decisions
  std::string construct; // the kind of construct that decided (`rule`, `sla`, ...); "" for input
  std::string name;      // its name
  std::string where;     // its `file:line:col`
  std::string outcome;   // `accepted`, `applied`, `denied`, `met`, `breached`, ...
  std::string target;    // a recipient, an event type, a ladder, a field, ...
  std::string reason;    // why (denials, rejections)
  std::string message;   // a rendered message
  std::vector<std::pair<std::string, std::string>> values;  // by name, each a JSON text
  std::string policy;    // the policy hash

  // The JSON line `writ replay` prints for it, without the line break.
  std::string json() const;
};

}  // namespace writ
