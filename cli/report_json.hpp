#pragma once
// `writ report --json`: the report's figures as one JSON document (docs/report.md).
#include <string>

#include "runtime/trail_report.hpp"

namespace writ::cli {

std::string report_json(const std::string& trail, const runtime::TrailReport& report);

}  // namespace writ::cli
