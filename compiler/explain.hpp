#pragma once
// `writ explain`: what a compiled policy set does, for auditors. Built from the Plan, so the
// evaluation order shown is the one the runtime runs, and from the Program for what the Plan
// does not keep (constants, tables, enums, calendars, the services map, initial values).
// One Explanation, two renderings with the same content: the listing (text) and JSON.
// docs/explain.md describes every part. Same input, byte-identical output.
#include <optional>
#include <string>
#include <vector>

#include "compiler/plan.hpp"
#include "lang/program.hpp"
#include "lang/source.hpp"

namespace writ::compiler {

// One line of the explanation and the lines under it.
struct ExplainItem {
  std::string step;  // its number in the evaluation order (`3.2`); empty elsewhere
  std::string kind;  // what the line is: `rule`, `deny`, `action`, `row`, `note`, ...
  std::string name;  // the construct or declaration it shows, qualified (`itil.priority`)
  std::string text;  // normalized: every operation inside another one parenthesised
  std::optional<SourceRef> where;
  std::vector<std::string> annotations;  // `@owner("CMO")`, as written
  std::vector<ExplainItem> items;
};

struct Explanation {
  std::string policy_hash;               // compiler::policy_hash of the set
  std::vector<ExplainItem> modules;      // in load order, the order the hash reads them
  std::vector<ExplainItem> declarations; // one group per kind: enums, constants, tables, ...
  std::vector<ExplainItem> events;       // one per event type, sorted by type
  std::vector<ExplainItem> timers;       // SLAs, ladders, obligations, timer rules, freezes, measures
};

// `plan` must have been built from `program` (build_plan).
Explanation explain(const lang::Program& program, const lang::SourceManager& sources, const Plan& plan);

// The text listing: the header, then `Declarations`, `Evaluation order by event type` and
// `Timers`; each item on a line of its own, `STEP TEXT  // file:line:col`, its items below it.
std::string explain_listing(const Explanation& explanation);
// The same as one JSON document (lang/json_writer.hpp), keys in a fixed order.
std::string explain_json(const Explanation& explanation);

}  // namespace writ::compiler
