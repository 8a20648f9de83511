#include "writ/event.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "lang/json_writer.hpp"
#include "lang/literals.hpp"
#include "writ/error.hpp"

namespace writ {

namespace {

constexpr std::array<std::string_view, 5> kReserved{"type", "at", "incident", "id", "actor"};

}  // namespace

Event::Event(std::string type, Time at) : type_(std::move(type)), at_(at) {}

Event& Event::add(std::string_view key, std::string json, bool reserved) {
  if (!reserved && std::find(kReserved.begin(), kReserved.end(), key) != kReserved.end()) {
    throw Error(fmt::format("event {}: `{}` is a reserved key: use its own method", type_, key));
  }
  for (const auto& [k, v] : keys_) {
    if (k == key) throw Error(fmt::format("event {}: `{}` given twice", type_, key));
  }
  keys_.emplace_back(std::string(key), std::move(json));
  return *this;
}

Event& Event::incident(std::string_view id) { return add("incident", lang::json_quote(id), true); }
Event& Event::id(std::string_view id) { return add("id", lang::json_quote(id), true); }

Event& Event::actor(std::string_view id, std::string_view role) {
  return add("actor", fmt::format("{{\"id\":{},\"role\":{}}}", lang::json_quote(id), lang::json_quote(role)), true);
}

Event& Event::set(std::string_view field, std::string_view text) { return add(field, lang::json_quote(text), false); }
Event& Event::set(std::string_view field, const char* text) { return set(field, std::string_view(text)); }
Event& Event::set(std::string_view field, std::int64_t value) { return add(field, std::to_string(value), false); }
Event& Event::set(std::string_view field, int value) { return set(field, static_cast<std::int64_t>(value)); }
Event& Event::set(std::string_view field, bool value) { return add(field, value ? "true" : "false", false); }

Event& Event::set(std::string_view field, Duration value) {
  if (value.count() < 0) throw Error(fmt::format("event {}: field `{}`: a duration cannot be negative", type_, field));
  return add(field, lang::json_quote(lang::format_duration(value.count())), false);
}

Event& Event::set(std::string_view field, Time value) { return add(field, lang::json_quote(format_time(value)), false); }

Event& Event::set(std::string_view field, const std::vector<std::string>& members) {
  std::string json = "[";
  for (const std::string& m : members) {
    if (json.size() > 1) json += ',';
    json += lang::json_quote(m);
  }
  return add(field, json + "]", false);
}

std::string Event::json() const {
  std::string out = fmt::format("{{\"type\":{},\"at\":{}", lang::json_quote(type_), lang::json_quote(format_time(at_)));
  for (const auto& [key, value] : keys_) out += fmt::format(",{}:{}", lang::json_quote(key), value);
  return out + "}";
}

}  // namespace writ
