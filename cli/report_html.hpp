#pragma once
// `writ report --html FILE`: one self-contained page (inline CSS and SVG, no script, nothing
// fetched) with the report's tables and its trends across quarters as line charts.
#include <string>

#include "runtime/trail_report.hpp"

namespace writ::cli {

std::string report_html(const std::string& trail, const runtime::TrailReport& report);

}  // namespace writ::cli
