// The constructs with clocks: what starts and stops each one, and what runs when its timers
// fall due. SLAs, escalation ladders, obligations, timer rules, freezes, measures.
#include "compiler/explain_impl.hpp"
#include "lang/literals.hpp"

namespace writ::compiler::detail {

namespace {

// A block of actions run when a timer falls due: `breach:` and its actions.
ExplainItem block_item(std::string kind, std::string text, const ActionsPlan& actions) {
  ExplainItem item;
  item.kind = std::move(kind);
  item.text = std::move(text);
  item.items = action_items(actions);
  return item;
}

std::string level_text(const LadderPlan::Level& level, bool first) {
  std::string out = "level " + std::to_string(level.number);
  if (level.delay_text.empty()) return out + ", when the ladder starts";
  return out + ", " + level.delay_text + (first ? " after the ladder starts" : " after the level before it");
}

}  // namespace

std::vector<ExplainItem> Explainer::timers() const {
  std::vector<ExplainItem> out;
  auto add = [&](std::size_t count, ExplainItem (Explainer::*item)(std::uint32_t) const) {
    for (std::uint32_t i = 0; i < count; ++i) out.push_back((this->*item)(i));
  };
  add(plan_.slas.size(), &Explainer::sla_item);
  add(plan_.ladders.size(), &Explainer::ladder_item);
  add(plan_.obligations.size(), &Explainer::obligation_item);
  add(plan_.timer_rules.size(), &Explainer::timer_rule_item);
  add(plan_.freezes.size(), &Explainer::freeze_item);
  add(plan_.measures.size(), &Explainer::measure_item);
  return out;
}

std::vector<ExplainItem> Explainer::clause_items(std::uint32_t construct) const {
  std::vector<ExplainItem> out;
  for (const TriggerStep* t : clauses_.at(construct)) {
    ExplainItem item;
    item.kind = "clause";
    item.text = t->text;
    item.where = t->where;
    out.push_back(std::move(item));
  }
  return out;
}

ExplainItem Explainer::sla_item(std::uint32_t index) const {
  const SlaPlan& sla = plan_.slas.at(index);
  ExplainItem item = construct_item(sla.construct);
  item.items.push_back(note("counted in " + clock_text(plan_, sla.calendar)));
  for (auto& clause : clause_items(sla.construct)) {
    item.items.push_back(std::move(clause));
  }
  for (const SlaPlan::Warn& warn : sla.warns) {
    item.items.push_back(block_item("warn", "warn at " + std::to_string(warn.percent) + "% of the target:", warn.actions));
  }
  if (sla.breach) {
    item.items.push_back(
        block_item("breach", "breach, when the target passes on a running clock:", *sla.breach));
  }
  if (sla.met) {
    item.items.push_back(
        block_item("met", "met, when a stop clause stops the clock before the breach:", *sla.met));
  }
  return item;
}

ExplainItem Explainer::ladder_item(std::uint32_t index) const {
  const LadderPlan& ladder = plan_.ladders.at(index);
  ExplainItem item = construct_item(ladder.construct);
  std::vector<ExplainItem> escalations = escalations_.at(index);
  ExplainItem started = note(escalations.empty() ? "no `escalate` action starts it" : "started by these `escalate` actions:");
  started.items = std::move(escalations);
  item.items.push_back(std::move(started));
  for (std::size_t i = 0; i < ladder.levels.size(); ++i) {
    const LadderPlan::Level& level = ladder.levels[i];
    ExplainItem line = block_item("level", level_text(level, i == 0) + ":", level.actions);
    line.where = level.where;
    item.items.push_back(std::move(line));
  }
  for (auto& clause : clause_items(ladder.construct)) item.items.push_back(std::move(clause));
  if (ladder.repeat_count > 0) {
    ExplainItem repeat;
    repeat.kind = "repeat";
    repeat.text = "repeat " + std::to_string(ladder.repeat_count) + " after " + ladder.repeat_delay_text +
                  ": the ladder loops back to level 1, " + ladder.repeat_delay_text + " after its last level, at most " +
                  std::to_string(ladder.repeat_count) + " time(s)";
    item.items.push_back(std::move(repeat));
  }
  return item;
}

ExplainItem Explainer::obligation_item(std::uint32_t index) const {
  const ObligationPlan& obligation = plan_.obligations.at(index);
  ExplainItem item = construct_item(obligation.construct);
  if (obligation.while_routine >= 0) {
    item.items.push_back(note(obligation.engine_wide
                                  ? "runs engine-wide while its `while` condition holds: the condition reads no "
                                    "state, so it is re-evaluated after every event and timer of any incident or none"
                                  : "runs while its `while` condition holds, re-evaluated after every event and timer "
                                    "of the incident"));
  } else if (obligation.engine_wide) {
    item.items.push_back(note("runs engine-wide, in no incident: its `after` event is global"));
  }
  item.items.push_back(note(obligation.recurring
                                ? "`every`: each interval that passes without a required " + obligation.required_type +
                                      " is one violation and starts the next interval"
                                : "`within`: met by the first required " + obligation.required_type +
                                      " before the deadline, else one violation"));
  for (auto& clause : clause_items(obligation.construct)) {
    item.items.push_back(std::move(clause));
  }
  if (obligation.violation) {
    item.items.push_back(block_item("violation", "violation:", *obligation.violation));
  }
  return item;
}

ExplainItem Explainer::timer_rule_item(std::uint32_t index) const {
  const TimerRulePlan& rule = plan_.timer_rules.at(index);
  ExplainItem item = construct_item(rule.construct);
  for (auto& clause : clause_items(rule.construct)) item.items.push_back(std::move(clause));
  item.items.push_back(block_item("fire",
                                  "when it fires, with `event` = the " + rule.armed_by +
                                      " that armed it: if its condition holds then, its actions run in order:",
                                  rule.fire));
  return item;
}

ExplainItem Explainer::freeze_item(std::uint32_t index) const {
  const FreezePlan& freeze = plan_.freezes.at(index);
  ExplainItem item = construct_item(freeze.construct);
  if (freeze.from_ms && freeze.to_ms) {
    item.items.push_back(note("active from " + lang::format_time(*freeze.from_ms) + " to " +
                              lang::format_time(*freeze.to_ms) + ", engine-wide"));
  } else {
    ExplainItem active = note("active, engine-wide, for its length after each event its `after` clause matches:");
    active.items = clause_items(freeze.construct);
    item.items.push_back(std::move(active));
  }
  std::string blocks;
  for (const auto& type : freeze.blocks) blocks += (blocks.empty() ? "" : ", ") + type;
  item.items.push_back(note("while active it denies " + blocks + " (step 3 of those event types)"));
  return item;
}

ExplainItem Explainer::measure_item(std::uint32_t index) const {
  const MeasurePlan& measure = plan_.measures.at(index);
  ExplainItem item = construct_item(measure.construct);
  std::string target = measure.target_ms ? ", target " + lang::format_duration(*measure.target_ms) : std::string();
  item.items.push_back(note("counted in " + clock_text(plan_, measure.calendar) + target));
  for (auto& clause : clause_items(measure.construct)) item.items.push_back(std::move(clause));
  return item;
}

}  // namespace writ::compiler::detail
