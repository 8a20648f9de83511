#include <string>
#include <utility>
#include <vector>

#include "api/decision_convert.hpp"

namespace writ {

namespace detail {

namespace {

std::vector<std::pair<std::string, std::string>> public_values(const std::vector<runtime::DecisionValue>& values) {
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(values.size());
  for (const runtime::DecisionValue& v : values) out.emplace_back(v.name, v.json);
  return out;
}

std::vector<runtime::DecisionValue> runtime_values(const std::vector<std::pair<std::string, std::string>>& values) {
  std::vector<runtime::DecisionValue> out;
  out.reserve(values.size());
  for (const auto& [name, json] : values) out.push_back({name, json});
  return out;
}

}  // namespace

Decision to_public(const runtime::Decision& d, const std::string& policy_hash) {
  return Decision{d.seq,
                  Time(Duration(d.at)),
                  std::string(d.kind),
                  d.incident,
                  std::string(d.construct),
                  std::string(d.name),
                  std::string(d.where),
                  std::string(d.outcome),
                  d.target,
                  d.reason,
                  d.message,
                  public_values(d.values),
                  policy_hash};
}

runtime::Decision to_runtime(const Decision& d) {
  return runtime::Decision{d.seq,    d.at.time_since_epoch().count(), d.kind,    d.incident,
                           d.construct, d.name, d.where, d.outcome, d.target, d.reason, d.message, runtime_values(d.values)};
}

}  // namespace detail

std::string Decision::json() const { return runtime::to_json(detail::to_runtime(*this), policy); }

}  // namespace writ
