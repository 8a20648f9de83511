#include "runtime/decision.hpp"

#include "lang/json_writer.hpp"
#include "lang/literals.hpp"

namespace writ::runtime {

std::string to_json(const Decision& d, const std::string& policy_hash) {
  std::string out = "{\"seq\":" + std::to_string(d.seq);
  auto field = [&](const char* key, const std::string& value) {
    if (value.empty()) return;
    out += ",\"";
    out += key;
    out += "\":";
    out += lang::json_quote(value);
  };
  field("at", lang::format_time(d.at));
  field("kind", d.kind);
  field("incident", d.incident);
  if (!d.construct.empty()) {
    out += ",\"source\":{\"construct\":" + lang::json_quote(d.construct) + ",\"name\":" + lang::json_quote(d.name);
    if (!d.where.empty()) out += ",\"at\":" + lang::json_quote(d.where);
    out += "}";
  }
  field("outcome", d.outcome);
  field("target", d.target);
  field("reason", d.reason);
  field("message", d.message);
  if (!d.values.empty()) {
    out += ",\"values\":{";
    for (std::size_t i = 0; i < d.values.size(); ++i) {
      if (i) out += ",";
      out += lang::json_quote(d.values[i].name) + ":" + d.values[i].json;
    }
    out += "}";
  }
  field("policy", policy_hash);
  return out + "}";
}

}  // namespace writ::runtime
