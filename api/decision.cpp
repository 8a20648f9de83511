#include <string>

#include "api/decision_convert.hpp"

namespace writ {

namespace detail {

Decision to_public(const runtime::Decision& d, const std::string& policy_hash) {
  return Decision{d.seq,    Time(Duration(d.at)), d.kind,   d.incident, d.construct, d.name,     d.where,
                  d.outcome, d.target,            d.reason, d.message,  d.values,    policy_hash};
}

runtime::Decision to_runtime(const Decision& d) {
  return runtime::Decision{d.seq,    d.at.time_since_epoch().count(), d.kind,    d.incident,
                           d.construct, d.name, d.where, d.outcome, d.target, d.reason, d.message, d.values};
}

}  // namespace detail

std::string Decision::json() const { return runtime::to_json(detail::to_runtime(*this), policy); }

}  // namespace writ
