#pragma once
// The figures of `writ report`, read from an audit trail alone (the policy is never run
// again): per quarter and per group of incidents, how many incidents, what each measure
// recorded, how each SLA, ladder, rule and obligation fared. Generic over policies: every
// construct is reported by its name. docs/report.md defines each figure.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "runtime/audit_error.hpp"
#include "runtime/audit_store.hpp"

namespace writ::runtime {

struct SlaFigures {
  std::int64_t started = 0;   // `sla.started` records
  std::int64_t met = 0;       // `met` records of the SLA
  std::int64_t breached = 0;  // `breach` records
  // The clock's elapsed time when it ended (`met` and `sla.stopped` records), ms.
  std::vector<std::int64_t> elapsed_ms;
};

struct ObligationFigures {
  std::int64_t met = 0;
  std::int64_t violated = 0;
};

// What the incidents of one cell (a quarter and a group, or a group over all quarters) did.
struct CellFigures {
  std::int64_t incidents = 0;
  std::map<std::string, std::vector<std::int64_t>> measures;  // name -> recorded values, ms
  std::map<std::string, SlaFigures> slas;
  std::map<std::string, std::map<std::int64_t, std::int64_t>> ladders;  // name -> level -> escalations
  std::map<std::string, std::int64_t> rules;                            // name -> times fired
  std::map<std::string, ObligationFigures> obligations;
};

struct TrailReport {
  std::string group_field;
  std::int64_t records = 0;
  std::int64_t accepted = 0;  // input events applied (`event` records, outcome `accepted`)
  std::int64_t emitted = 0;   // events the policy emitted
  std::int64_t rejected = 0;  // input lines refused (`rejected` records)
  std::int64_t incidents = 0;
  // Every name seen anywhere in the trail, so that each cell lists the same constructs.
  std::set<std::string> measure_names, sla_names, ladder_names, rule_names, obligation_names;
  std::map<std::pair<std::string, std::string>, CellFigures> cells;  // (quarter, group)
  std::map<std::string, CellFigures> groups;                         // group, all quarters
};

// `2011-Q3`: the UTC calendar quarter of an instant (ms since the epoch).
std::string quarter_of(std::int64_t at_ms);

// The group of an incident is the last value a `classified` record assigned to
// `state.<group_field>`; incidents never classified so are in group "-".
AuditResult<TrailReport> build_trail_report(const AuditStore& store, const std::string& group_field);

}  // namespace writ::runtime
