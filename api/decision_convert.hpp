#pragma once
// The runtime's decisions as the embedding API hands them out, and back (for their JSON).
#include "runtime/decision.hpp"
#include "writ/decision.hpp"

namespace writ::detail {

Decision to_public(const runtime::Decision& d, const std::string& policy_hash);
// The runtime decision views `d`'s kind, construct, name, where and outcome: keep `d` while it is used.
runtime::Decision to_runtime(const Decision& d);

}  // namespace writ::detail
