#include "cli/report_html.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>

#include "lang/literals.hpp"
#include "runtime/summary_stats.hpp"

namespace writ::cli {

namespace {

using Series = std::pair<std::string, std::vector<std::optional<double>>>;

constexpr const char* kColours[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"};

std::string escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// A line chart of one value per quarter and series; a missing value breaks the line.
std::string line_chart(const std::string& title, const std::string& unit, const std::vector<std::string>& quarters,
                       const std::vector<Series>& series) {
  constexpr double kWidth = 760, kHeight = 280, kLeft = 60, kRight = 130, kTop = 30, kBottom = 40;
  double top = 0;
  for (const auto& [name, values] : series) {
    for (const auto& v : values) top = std::max(top, v.value_or(0));
  }
  if (top <= 0) top = 1;
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  auto x = [&](std::size_t i) { return kLeft + (quarters.size() < 2 ? plot_w / 2 : plot_w * i / (quarters.size() - 1)); };
  auto y = [&](double v) { return kTop + plot_h - plot_h * v / top; };
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" role=\"img\">"
      "<title>{2}</title><text x=\"{3}\" y=\"18\" class=\"t\">{2}</text>",
      kWidth, kHeight, escape(title), kLeft);
  for (int tick = 0; tick <= 4; ++tick) {
    double v = top * tick / 4;
    svg += fmt::format("<line x1=\"{0}\" x2=\"{1}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\" class=\"g\"/>"
                       "<text x=\"{3}\" y=\"{4:.1f}\" class=\"a\" text-anchor=\"end\">{5:.4g}</text>",
                       kLeft, kLeft + plot_w, y(v), kLeft - 6, y(v) + 4, v);
  }
  for (std::size_t i = 0; i < quarters.size(); ++i) {
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"a\" text-anchor=\"middle\">{}</text>", x(i),
                       kTop + plot_h + 16, escape(quarters[i]));
  }
  svg += fmt::format("<text x=\"{}\" y=\"{}\" class=\"a\">{}</text>", 4, kTop - 6, escape(unit));
  for (std::size_t s = 0; s < series.size(); ++s) {
    const char* colour = kColours[s % std::size(kColours)];
    std::string path;
    bool pen_down = false;
    for (std::size_t i = 0; i < series[s].second.size(); ++i) {
      const auto& v = series[s].second[i];
      if (!v) {
        pen_down = false;
        continue;
      }
      path += fmt::format("{}{:.1f},{:.1f} ", pen_down ? "L" : "M", x(i), y(*v));
      svg += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2.5\" fill=\"{}\"/>", x(i), y(*v), colour);
      pen_down = true;
    }
    if (!path.empty()) svg += fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>", path, colour);
    svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/>"
                       "<text x=\"{}\" y=\"{}\" class=\"a\">{}</text>",
                       kWidth - kRight + 12, kTop + 16 * s, colour, kWidth - kRight + 26, kTop + 16 * s + 9,
                       escape(series[s].first));
  }
  return svg + "</svg>\n";
}

std::vector<std::string> quarters_of(const runtime::TrailReport& report) {
  std::set<std::string> quarters;
  for (const auto& [key, cell] : report.cells) quarters.insert(key.first);
  return {quarters.begin(), quarters.end()};
}

// One series per group: `value(cell)` for each quarter, nothing where the cell is absent or
// the value undefined.
template <class F>
std::vector<Series> per_group(const runtime::TrailReport& report, const std::vector<std::string>& quarters, F value) {
  std::vector<Series> out;
  for (const auto& [group, totals] : report.groups) {
    Series s{group, {}};
    for (const std::string& q : quarters) {
      auto it = report.cells.find({q, group});
      s.second.push_back(it == report.cells.end() ? std::nullopt : value(it->second));
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::string duration_cell(std::int64_t count, std::int64_t ms) {
  return count == 0 ? "–" : escape(lang::format_duration(ms / 1000 * 1000));
}

std::string table(const runtime::TrailReport& report) {
  std::string head = "<tr><th>quarter</th><th>" + escape(report.group_field) + "</th><th>incidents</th>";
  for (const auto& m : report.measure_names) {
    head += fmt::format("<th>{0} median</th><th>{0} mean</th><th>{0} p90</th>", escape(m));
  }
  for (const auto& s : report.sla_names) head += fmt::format("<th>{} breached / started</th>", escape(s));
  for (const auto& l : report.ladder_names) head += fmt::format("<th>{} escalations</th>", escape(l));
  for (const auto& r : report.rule_names) head += fmt::format("<th>rule {}</th>", escape(r));
  for (const auto& o : report.obligation_names) head += fmt::format("<th>{} violated / met</th>", escape(o));
  std::string rows;
  auto row = [&](const std::string& quarter, const std::string& group, const runtime::CellFigures& cell) {
    rows += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td>", escape(quarter), escape(group), cell.incidents);
    for (const auto& [name, values] : cell.measures) {
      runtime::SummaryStats s = runtime::summarise(values);
      rows += fmt::format("<td>{}</td><td>{}</td><td>{}</td>", duration_cell(s.count, s.median_ms),
                          duration_cell(s.count, s.mean_ms), duration_cell(s.count, s.p90_ms));
    }
    for (const auto& [name, sla] : cell.slas) rows += fmt::format("<td>{} / {}</td>", sla.breached, sla.started);
    for (const auto& [name, levels] : cell.ladders) {
      std::int64_t total = 0;
      for (const auto& [level, count] : levels) total += count;
      rows += fmt::format("<td>{}</td>", total);
    }
    for (const auto& [name, count] : cell.rules) rows += fmt::format("<td>{}</td>", count);
    for (const auto& [name, o] : cell.obligations) rows += fmt::format("<td>{} / {}</td>", o.violated, o.met);
    rows += "</tr>\n";
  };
  for (const auto& [key, cell] : report.cells) row(key.first, key.second, cell);
  for (const auto& [group, cell] : report.groups) row("all", group, cell);
  return "<table>\n" + head + "</tr>\n" + rows + "</table>\n";
}

}  // namespace

std::string report_html(const std::string& trail, const runtime::TrailReport& report) {
  const std::vector<std::string> quarters = quarters_of(report);
  std::string charts = line_chart("Incidents opened per quarter", "incidents", quarters,
                                  per_group(report, quarters, [](const runtime::CellFigures& c) {
                                    return std::optional<double>(static_cast<double>(c.incidents));
                                  }));
  for (const auto& name : report.measure_names) {
    charts += line_chart("Median " + name, "hours", quarters,
                         per_group(report, quarters, [&](const runtime::CellFigures& c) -> std::optional<double> {
                           runtime::SummaryStats s = runtime::summarise(c.measures.at(name));
                           if (s.count == 0) return std::nullopt;
                           return static_cast<double>(s.median_ms) / 3'600'000.0;
                         }));
  }
  for (const auto& name : report.sla_names) {
    charts += line_chart("SLA " + name + ": breaches", "breaches", quarters,
                         per_group(report, quarters, [&](const runtime::CellFigures& c) {
                           return std::optional<double>(static_cast<double>(c.slas.at(name).breached));
                         }));
  }
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Writ report: {0}</title>\n"
      "<style>body{{font-family:sans-serif;margin:2em;color:#222}}table{{border-collapse:collapse;font-size:12px}}"
      "td,th{{border:1px solid #ccc;padding:3px 6px;text-align:right}}th{{background:#eee}}"
      "svg{{display:block;margin:1em 0}}.t{{font-size:14px;font-weight:bold}}.a{{font-size:11px;fill:#444}}"
      ".g{{stroke:#ddd}}</style></head>\n<body>\n<h1>Writ report</h1>\n"
      "<p>Trail <code>{0}</code>: {1} records, {2} input events accepted, {3} rejected, {4} emitted; {5} incidents, "
      "grouped by <code>state.{6}</code>, each in the UTC quarter of its first event. Definitions: docs/report.md.</p>\n"
      "<h2>Trends</h2>\n{7}<h2>Figures</h2>\n{8}</body></html>\n",
      escape(trail), report.records, report.accepted, report.rejected, report.emitted, report.incidents,
      escape(report.group_field), charts, table(report));
}

}  // namespace writ::cli
