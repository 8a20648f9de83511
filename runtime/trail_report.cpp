#include "runtime/trail_report.hpp"

#include <fmt/format.h>

#include <charconv>
#include <optional>
#include <unordered_map>

#include "lang/literals.hpp"

namespace writ::runtime {

namespace {

enum class FactKind { Measure, SlaStarted, SlaMet, SlaBreached, SlaElapsed, Ladder, Rule, ObligationMet, Violation };

struct Fact {
  FactKind kind;
  std::string name;
  std::int64_t value = 0;
};

struct IncidentFacts {
  std::int64_t first_at = 0;  // at_ms of the incident's first record: the event that opened it
  std::string group = "-";
  std::vector<Fact> facts;
};

const AuditValue* value_named(const AuditRecord& r, std::string_view name) {
  for (const AuditValue& v : r.values) {
    if (v.name == name && v.value) return &v;
  }
  return nullptr;
}

std::optional<std::int64_t> int_value(const AuditRecord& r, std::string_view name) {
  const AuditValue* v = value_named(r, name);
  if (!v) return std::nullopt;
  std::int64_t out = 0;
  const std::string& text = *v->value;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return out;
}

// A JSON string value without its quotes (the values the engine writes need no unescaping
// for the report: durations, enum values); any other JSON text as it is.
std::string unquoted(const std::string& json) {
  if (json.size() >= 2 && json.front() == '"' && json.back() == '"') return json.substr(1, json.size() - 2);
  return json;
}

std::optional<std::int64_t> duration_value(const AuditRecord& r, std::string_view name) {
  const AuditValue* v = value_named(r, name);
  if (!v) return std::nullopt;
  return lang::parse_duration(unquoted(*v->value));
}

// The kinds whose values collect() reads.
bool needs_values(std::string_view kind) {
  return kind == "classified" || kind == "measure" || kind == "met" || kind == "sla.stopped" || kind == "escalation";
}

// The facts one record contributes to its incident, if any.
void collect(const AuditRecord& r, const std::string& group_target, IncidentFacts& inc) {
  const std::string& k = r.kind;
  if (k == "classified") {
    if (r.target != group_target || r.values.empty() || !r.values.front().value) return;
    inc.group = unquoted(*r.values.front().value);
  } else if (k == "measure") {
    if (auto ms = int_value(r, "value_ms")) inc.facts.push_back({FactKind::Measure, r.name, *ms});
  } else if (k == "sla.started") {
    inc.facts.push_back({FactKind::SlaStarted, r.name});
  } else if (k == "breach") {
    inc.facts.push_back({FactKind::SlaBreached, r.name});
  } else if (k == "met" && r.construct == "sla") {
    inc.facts.push_back({FactKind::SlaMet, r.name});
    if (auto ms = duration_value(r, "elapsed")) inc.facts.push_back({FactKind::SlaElapsed, r.name, *ms});
  } else if (k == "sla.stopped") {
    if (auto ms = duration_value(r, "elapsed")) inc.facts.push_back({FactKind::SlaElapsed, r.name, *ms});
  } else if (k == "met" && r.construct == "obligation") {
    inc.facts.push_back({FactKind::ObligationMet, r.name});
  } else if (k == "violation") {
    inc.facts.push_back({FactKind::Violation, r.name});
  } else if (k == "escalation") {
    if (auto level = int_value(r, "level")) inc.facts.push_back({FactKind::Ladder, r.name, *level});
  } else if (k == "rule" && r.outcome == "fired") {
    inc.facts.push_back({FactKind::Rule, r.name});
  }
}

void add_fact(const Fact& f, CellFigures& cell) {
  switch (f.kind) {
    case FactKind::Measure: cell.measures[f.name].push_back(f.value); break;
    case FactKind::SlaStarted: ++cell.slas[f.name].started; break;
    case FactKind::SlaMet: ++cell.slas[f.name].met; break;
    case FactKind::SlaBreached: ++cell.slas[f.name].breached; break;
    case FactKind::SlaElapsed: cell.slas[f.name].elapsed_ms.push_back(f.value); break;
    case FactKind::Ladder: ++cell.ladders[f.name][f.value]; break;
    case FactKind::Rule: ++cell.rules[f.name]; break;
    case FactKind::ObligationMet: ++cell.obligations[f.name].met; break;
    case FactKind::Violation: ++cell.obligations[f.name].violated; break;
  }
}

void note_name(const Fact& f, TrailReport& report) {
  switch (f.kind) {
    case FactKind::Measure: report.measure_names.insert(f.name); break;
    case FactKind::SlaStarted:
    case FactKind::SlaMet:
    case FactKind::SlaBreached:
    case FactKind::SlaElapsed: report.sla_names.insert(f.name); break;
    case FactKind::Ladder: report.ladder_names.insert(f.name); break;
    case FactKind::Rule: report.rule_names.insert(f.name); break;
    case FactKind::ObligationMet:
    case FactKind::Violation: report.obligation_names.insert(f.name); break;
  }
}

// Every cell names every construct seen in the trail, with zeros where it did nothing.
void fill_names(const TrailReport& report, CellFigures& cell) {
  for (const auto& n : report.measure_names) cell.measures[n];
  for (const auto& n : report.sla_names) cell.slas[n];
  for (const auto& n : report.ladder_names) cell.ladders[n];
  for (const auto& n : report.rule_names) cell.rules[n];
  for (const auto& n : report.obligation_names) cell.obligations[n];
}

}  // namespace

std::string quarter_of(std::int64_t at_ms) {
  std::int64_t days = at_ms / 86'400'000 - (at_ms % 86'400'000 < 0 ? 1 : 0);
  lang::CivilDate date = lang::civil_from_days(days);
  return fmt::format("{:04}-Q{}", date.year, (date.month - 1) / 3 + 1);
}

AuditResult<TrailReport> build_trail_report(const AuditStore& store, const std::string& group_field) {
  TrailReport report;
  report.group_field = group_field;
  const std::string group_target = "state." + group_field;
  std::unordered_map<std::string, std::size_t> index;
  std::vector<IncidentFacts> incidents;
  AuditStatus status = store.in_snapshot([&] {
    return store.for_each_record([&](const AuditRecord& r) {
      ++report.records;
      if (r.kind == "rejected") ++report.rejected;
      if (r.kind == "event" && r.outcome == "accepted") ++report.accepted;
      if (r.kind == "event" && r.outcome == "emitted") ++report.emitted;
      if (r.incident.empty()) return true;
      auto [it, fresh] = index.try_emplace(r.incident, incidents.size());
      if (fresh) incidents.push_back(IncidentFacts{r.at_ms, "-", {}});
      collect(r, group_target, incidents[it->second]);
      return true;
    }, RecordParts{.hashes = false, .values_of = needs_values});
  });
  if (!status.ok()) return status.error();

  report.incidents = static_cast<std::int64_t>(incidents.size());
  for (const IncidentFacts& inc : incidents) {
    for (const Fact& f : inc.facts) note_name(f, report);
  }
  for (const IncidentFacts& inc : incidents) {
    CellFigures& cell = report.cells[{quarter_of(inc.first_at), inc.group}];
    CellFigures& group = report.groups[inc.group];
    ++cell.incidents;
    ++group.incidents;
    for (const Fact& f : inc.facts) {
      add_fact(f, cell);
      add_fact(f, group);
    }
  }
  for (auto& [key, cell] : report.cells) fill_names(report, cell);
  for (auto& [key, cell] : report.groups) fill_names(report, cell);
  return report;
}

}  // namespace writ::runtime
