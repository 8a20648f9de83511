// writ report TRAIL [--by FIELD] [--json] [--html FILE]: per quarter and per group of
// incidents, the figures of a finished run, read from its audit trail alone (the policy is
// not run again). docs/report.md defines every figure.
#include <fmt/format.h>

#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/report_html.hpp"
#include "cli/report_json.hpp"
#include "lang/literals.hpp"
#include "runtime/audit_store.hpp"
#include "runtime/summary_stats.hpp"
#include "runtime/trail_report.hpp"

namespace writ::cli {

namespace {

struct ReportArgs {
  std::string trail;
  std::string by = "impact";
  bool json = false;
  std::string html;
};

std::string stats_text(const std::vector<std::int64_t>& values) {
  runtime::SummaryStats s = runtime::summarise(values);
  if (s.count == 0) return "no values";
  return fmt::format("{} values, median {}, mean {}, p90 {}", s.count, lang::format_duration(s.median_ms),
                     lang::format_duration(s.mean_ms), lang::format_duration(s.p90_ms));
}

std::string cell_text(const std::string& title, const runtime::CellFigures& cell) {
  std::string out = fmt::format("{}: {} incident(s)\n", title, cell.incidents);
  for (const auto& [name, values] : cell.measures) out += fmt::format("  measure {}: {}\n", name, stats_text(values));
  for (const auto& [name, sla] : cell.slas) {
    out += fmt::format("  sla {}: {} started, {} met, {} breached; elapsed at its end: {}\n", name, sla.started, sla.met,
                       sla.breached, stats_text(sla.elapsed_ms));
  }
  for (const auto& [name, levels] : cell.ladders) {
    std::string parts;
    for (const auto& [level, count] : levels) parts += fmt::format("{}level {}: {}", parts.empty() ? "" : ", ", level, count);
    out += fmt::format("  ladder {}: {}\n", name, parts.empty() ? "no escalations" : parts);
  }
  for (const auto& [name, count] : cell.rules) out += fmt::format("  rule {}: fired {} time(s)\n", name, count);
  for (const auto& [name, o] : cell.obligations) {
    out += fmt::format("  obligation {}: {} met, {} violated\n", name, o.met, o.violated);
  }
  return out;
}

std::string report_text(const std::string& trail, const runtime::TrailReport& report) {
  std::string out = fmt::format(
      "{}: {} records; input events: {} accepted, {} rejected; {} emitted; {} incidents, grouped by state.{}\n", trail,
      report.records, report.accepted, report.rejected, report.emitted, report.incidents, report.group_field);
  for (const auto& [key, cell] : report.cells) {
    out += "\n" + cell_text(fmt::format("{} {}={}", key.first, report.group_field, key.second), cell);
  }
  for (const auto& [group, cell] : report.groups) {
    out += "\n" + cell_text(fmt::format("all quarters {}={}", report.group_field, group), cell);
  }
  return out;
}

int run_report(const ReportArgs& args) {
  auto store = runtime::AuditStore::open(args.trail, runtime::AuditOpenOptions{runtime::AuditOpenMode::ReadOnly, {}});
  if (!store.ok()) {
    std::cerr << fmt::format("writ report: {}: {}\n", args.trail, store.error().message);
    switch (store.error().kind) {
      case runtime::AuditErrorKind::NotFound:
      case runtime::AuditErrorKind::NotATrail:
      case runtime::AuditErrorKind::UnsupportedFormat: return kExitUsage;
      default: return kExitErrors;
    }
  }
  auto report = runtime::build_trail_report(*store.value(), args.by);
  if (!report.ok()) {
    std::cerr << fmt::format("writ report: {}: {}\n", args.trail, report.error().message);
    return kExitErrors;
  }
  if (!args.html.empty()) {
    std::ofstream out(args.html, std::ios::binary | std::ios::trunc);
    out << report_html(args.trail, report.value());
    if (!out.flush()) {
      std::cerr << fmt::format("writ report: cannot write {}\n", args.html);
      return kExitErrors;
    }
  }
  std::cout << (args.json ? report_json(args.trail, report.value()) : report_text(args.trail, report.value()));
  return kExitOk;
}

}  // namespace

void add_report_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* report = app.add_subcommand(
      "report", "Figures per quarter and per group of incidents (measures, SLAs, ladders, rules), read from an audit trail");
  report->add_option("trail", args->trail, "The audit trail (SQLite file) of a replay or a live run")->required();
  report->add_option("--by", args->by,
                     "The state field whose classified value groups the incidents (default: impact)");
  report->add_flag("--json", args->json, "Print the figures as one JSON document instead of text");
  report->add_option("--html", args->html, "Also write a self-contained HTML page with trend charts to this file");
  report->callback([args, &exit_code] { exit_code = run_report(*args); });
}

}  // namespace writ::cli
