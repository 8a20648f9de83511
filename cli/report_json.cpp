#include "cli/report_json.hpp"

#include "lang/json_writer.hpp"
#include "runtime/summary_stats.hpp"

namespace writ::cli {

namespace {

void stats(lang::JsonWriter& w, const std::vector<std::int64_t>& values) {
  runtime::SummaryStats s = runtime::summarise(values);
  w.begin_object().key("count").number(s.count);
  if (s.count == 0) {
    w.key("median_ms").null().key("mean_ms").null().key("p90_ms").null();
  } else {
    w.key("median_ms").number(s.median_ms).key("mean_ms").number(s.mean_ms).key("p90_ms").number(s.p90_ms);
  }
  w.end_object();
}

void figures(lang::JsonWriter& w, const runtime::CellFigures& cell) {
  w.key("incidents").number(cell.incidents);
  w.key("measures").begin_object();
  for (const auto& [name, values] : cell.measures) {
    w.key(name);
    stats(w, values);
  }
  w.end_object().key("slas").begin_object();
  for (const auto& [name, sla] : cell.slas) {
    w.key(name).begin_object();
    w.key("started").number(sla.started).key("met").number(sla.met).key("breached").number(sla.breached);
    w.key("elapsed");
    stats(w, sla.elapsed_ms);
    w.end_object();
  }
  w.end_object().key("ladders").begin_object();
  for (const auto& [name, levels] : cell.ladders) {
    w.key(name).begin_object();
    for (const auto& [level, count] : levels) w.key(std::to_string(level)).number(count);
    w.end_object();
  }
  w.end_object().key("rules").begin_object();
  for (const auto& [name, count] : cell.rules) w.key(name).number(count);
  w.end_object().key("obligations").begin_object();
  for (const auto& [name, o] : cell.obligations) {
    w.key(name).begin_object().key("met").number(o.met).key("violated").number(o.violated).end_object();
  }
  w.end_object();
}

}  // namespace

std::string report_json(const std::string& trail, const runtime::TrailReport& report) {
  lang::JsonWriter w;
  w.begin_object();
  w.key("trail").string(trail);
  w.key("group_by").string("state." + report.group_field);
  w.key("time_unit").string("ms");
  w.key("records").number(report.records);
  w.key("events").begin_object();
  w.key("accepted").number(report.accepted).key("rejected").number(report.rejected).key("emitted").number(report.emitted);
  w.end_object();
  w.key("incidents").number(report.incidents);
  w.key("quarters").begin_array();
  for (const auto& [key, cell] : report.cells) {
    w.begin_object().key("quarter").string(key.first).key("group").string(key.second);
    figures(w, cell);
    w.end_object();
  }
  w.end_array();
  w.key("groups").begin_array();
  for (const auto& [group, cell] : report.groups) {
    w.begin_object().key("group").string(group);
    figures(w, cell);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.take() + "\n";
}

}  // namespace writ::cli
