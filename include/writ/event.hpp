#pragma once
// A typed builder for one input event: the JSON line docs/events.md describes, built from
// C++ values so that a field's JSON form (a duration as "1h30m", a time as RFC 3339) is
// never written by hand. The engine decodes it like any other line, so a field the schema
// does not have, or of the wrong type, is rejected with the same reason.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "writ/time.hpp"

namespace writ {

class Event {
 public:
  Event(std::string type, Time at);

  Event& incident(std::string_view id);
  Event& id(std::string_view id);
  Event& actor(std::string_view id, std::string_view role);

  // A schema field. Throws writ::Error for a reserved key (`type`, `at`, `incident`, `id`,
  // `actor`), a field given twice, or a negative duration (which events cannot carry).
  Event& set(std::string_view field, std::string_view text);  // string or enum value
  Event& set(std::string_view field, const char* text);
  Event& set(std::string_view field, std::int64_t value);
  Event& set(std::string_view field, int value);
  Event& set(std::string_view field, bool value);
  Event& set(std::string_view field, Duration value);
  Event& set(std::string_view field, Time value);
  Event& set(std::string_view field, const std::vector<std::string>& members);  // set<string>

  const std::string& type() const { return type_; }
  Time at() const { return at_; }
  // The JSON line, keys in the order given after `type` and `at`.
  std::string json() const;

 private:
  Event& add(std::string_view key, std::string json, bool reserved);

  std::string type_;
  Time at_;
  std::vector<std::pair<std::string, std::string>> keys_;  // key, JSON text
};

}  // namespace writ
