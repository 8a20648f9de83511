#pragma once
// Generated policies for the scaling curves: the peer workload's four event schemas and
// `rules` rules spread over them in turn, each a different mix of the workload's fields
// and thresholds, so that a policy of N rules runs about N/4 rule conditions per event.
#include <cstddef>
#include <string>

namespace writ::peers {

std::string generated_policy(std::size_t rules);

}  // namespace writ::peers
