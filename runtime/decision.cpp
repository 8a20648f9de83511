#include "runtime/decision.hpp"

#include <charconv>

#include "lang/json_writer.hpp"
#include "lang/literals.hpp"

namespace writ::runtime {

namespace {

void append_int(std::string& out, std::int64_t n) {
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  out.append(digits, end);
}

// `,"key":"value"` (`prefix` is `,"key":`), left out when the value is empty.
void append_field(std::string& out, std::string_view prefix, std::string_view value) {
  if (value.empty()) return;
  out += prefix;
  lang::append_json_quoted(out, value);
}

void append_source(std::string& out, const Decision& d) {
  if (d.construct.empty()) return;
  out += ",\"source\":{\"construct\":";
  lang::append_json_quoted(out, d.construct);
  out += ",\"name\":";
  lang::append_json_quoted(out, d.name);
  append_field(out, ",\"at\":", d.where);
  out += '}';
}

void append_values(std::string& out, const std::vector<DecisionValue>& values) {
  if (values.empty()) return;
  out += ",\"values\":{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    lang::append_json_quoted(out, values[i].name);
    out += ':';
    out += values[i].json;
  }
  out += '}';
}

// `,"policy":"…"}`, the same for every decision of a run: quoted once and kept, one per
// thread (like lang::append_time's text). Scanning the 64 digits for characters to escape
// was a third of the quoting's work.
void append_policy(std::string& out, std::string_view policy_hash) {
  thread_local std::string hash, text;
  if (text.empty() || policy_hash != hash) {
    hash = policy_hash;
    text.clear();
    append_field(text, ",\"policy\":", policy_hash);
    text += '}';
  }
  out += text;
}

}  // namespace

void append_json(std::string& out, const Decision& d, std::string_view policy_hash) {
  out += "{\"seq\":";
  append_int(out, d.seq);
  out += ",\"at\":\"";
  lang::append_time(out, d.at);  // a time needs no escaping
  // The time's closing quote with the kind's key: a character appended alone is a call into
  // the string.
  if (d.kind.empty()) {
    out += '"';
  } else {
    out += "\",\"kind\":";
    lang::append_json_quoted(out, d.kind);
  }
  append_field(out, ",\"incident\":", d.incident);
  append_source(out, d);
  append_field(out, ",\"outcome\":", d.outcome);
  append_field(out, ",\"target\":", d.target);
  append_field(out, ",\"reason\":", d.reason);
  append_field(out, ",\"message\":", d.message);
  append_values(out, d.values);
  append_policy(out, policy_hash);
}

std::string to_json(const Decision& d, const std::string& policy_hash) {
  std::string out;
  append_json(out, d, policy_hash);
  return out;
}

}  // namespace writ::runtime
