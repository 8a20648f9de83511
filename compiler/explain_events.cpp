// The evaluation order per event type (LANGUAGE.md, "Order of evaluation"): the steps of
// each EventPlan, numbered in the order the runtime runs them.
#include <set>

#include "compiler/explain_impl.hpp"
#include "lang/expr_printer.hpp"
#include "lang/literals.hpp"

namespace writ::compiler::detail {

namespace {

using TK = TriggerStep::Kind;

ExplainItem step_item(std::string step, std::string kind, std::string text) {
  ExplainItem item;
  item.step = std::move(step);
  item.kind = std::move(kind);
  item.text = std::move(text);
  return item;
}

std::string schema_text(const std::string& type, bool global, const lang::EventDecl* decl) {
  std::string fields;
  if (decl) {
    for (const lang::FieldDecl& f : decl->fields) {
      fields += (fields.empty() ? " " : ", ") + f.name.text + ": " + lang::type_ref_text(f.type);
      for (const auto& a : f.annotations) fields += " " + lang::annotation_text(a);
    }
  }
  return "event " + type + (global ? " global" : "") + " {" + (fields.empty() ? "" : fields + " ") + "}";
}

// Numbers the steps of one stage: `3.1`, `3.2`, ...
class Numbering {
 public:
  explicit Numbering(std::string stage) : stage_(std::move(stage)) {}
  std::string next() { return stage_ + "." + std::to_string(++count_); }
  bool empty() const { return count_ == 0; }

 private:
  std::string stage_;
  int count_ = 0;
};

// What a clause does when this event triggers it; `plan` has its construct.
std::string trigger_effect(const Plan& plan, const TriggerStep& t) {
  switch (t.kind) {
    case TK::SlaStart:
      return "starts the clock: target " + t.duration_text + ", counted in " +
             clock_text(plan, plan.slas.at(t.target).calendar);
    case TK::SlaStop:
      return plan.slas.at(t.target).met ? "stops the running clock; its `met` actions run (see Timers)"
                                        : "stops the running clock";
    case TK::SlaPause: return "pauses the running clock";
    case TK::SlaResume: return "resumes the paused clock";
    case TK::LadderStop: return "stops the running ladder: no further level fires";
    case TK::ObligationAfter:
      return plan.obligations.at(t.target).recurring
                 ? "starts the obligation: at most " + t.duration_text + " may pass without a required event"
                 : "starts the obligation: the required event is due within " + t.duration_text;
    case TK::ObligationRequire:
      return plan.obligations.at(t.target).recurring ? "restarts the running obligation's interval"
                                                     : "meets the running obligation";
    case TK::FreezeAfter: {
      std::string blocks;
      for (const auto& type : plan.freezes.at(t.target).blocks) blocks += (blocks.empty() ? "" : ", ") + type;
      return "starts the freeze, engine-wide, for " + t.duration_text + ": it blocks " + blocks;
    }
    case TK::MeasureFrom: return "starts the measurement";
    case TK::MeasureTo: return "ends the measurement";
    case TK::TimerRuleArm: return "arms the timer rule: it fires " + t.duration_text + " after this event (see Timers)";
  }
  return {};
}

// Which instances a clause on a global event reaches (docs/semantics.md, "Engine-wide
// instances"); empty for an incident's event, whose clauses reach the usual ones.
std::string global_reach(TK kind) {
  switch (kind) {
    case TK::SlaStart:
    case TK::ObligationAfter:
    case TK::MeasureFrom:
    case TK::TimerRuleArm:
      return "a global event belongs to no incident: this arms the construct's engine-wide instance";
    case TK::SlaStop:
    case TK::SlaPause:
    case TK::SlaResume:
    case TK::LadderStop:
    case TK::ObligationRequire:
    case TK::MeasureTo:
      return "a global event reaches the engine-wide instance and those of every open incident";
    case TK::FreezeAfter: return {};
  }
  return {};
}

const char* trigger_kind(TK kind) {
  switch (kind) {
    case TK::SlaStart: return "sla start";
    case TK::SlaStop: return "sla stop";
    case TK::SlaPause: return "sla pause";
    case TK::SlaResume: return "sla resume";
    case TK::LadderStop: return "escalation stop";
    case TK::ObligationAfter: return "obligation after";
    case TK::ObligationRequire: return "obligation require";
    case TK::FreezeAfter: return "freeze after";
    case TK::MeasureFrom: return "measure from";
    case TK::MeasureTo: return "measure to";
    case TK::TimerRuleArm: return "timer rule arm";
  }
  return "clause";
}

std::string freeze_window(const FreezePlan& f) {
  if (f.from_ms && f.to_ms) return "from " + lang::format_time(*f.from_ms) + " to " + lang::format_time(*f.to_ms);
  return "after its trigger (see Timers)";
}

}  // namespace

std::vector<ExplainItem> Explainer::events() const {
  std::vector<ExplainItem> out;
  for (const auto& [type, event] : plan_.events) out.push_back(event_item(event));
  return out;
}

ExplainItem Explainer::event_item(const EventPlan& event) const {
  ExplainItem item;
  item.kind = "event";
  item.name = event.type;
  auto found = event_decls_.find(event.type);
  const lang::EventDecl* decl = found == event_decls_.end() ? nullptr : found->second;
  item.text = schema_text(event.type, event.global, decl);
  if (decl) {
    item.where = where(decl->span);
    for (const auto& a : decl->annotations) item.annotations.push_back(lang::annotation_text(a));
  }
  bool admits = !event.suppress.empty() || !event.correlate.empty() || !event.freezes.empty() || event.has_permits ||
                !event.guards.empty();
  bool applies = !event.classify.empty() || !event.rules.empty() || !event.triggers.empty();
  if (!admits && !applies) {
    item.items.push_back(note(
        "no constructs apply: timers due fire first, then the event is validated and appended to the audit trail"));
    return item;
  }
  item.items.push_back(step_item("1", "timers",
                                 "timers due at or before the event's time fire first, in (due time, declaration "
                                 "order, incident) order, each with its own audit record (see Timers)"));
  item.items.push_back(step_item("2", "validate",
                                 "the event is validated against its schema: an unknown type, a missing or ill-typed "
                                 "field, or a time before the engine clock rejects it with a reason, and nothing "
                                 "else happens"));
  item.items.push_back(admit_stage(event));
  item.items.push_back(apply_stage(event));
  item.items.push_back(step_item("5", "deliver",
                                 "the actions above are delivered in order; every decision and action is appended "
                                 "to the audit trail"));
  return item;
}

ExplainItem Explainer::admit_stage(const EventPlan& event) const {
  ExplainItem stage = step_item("3", "stage",
                                "screen and admit: a denial rejects the event (nothing of it is applied) and records "
                                "every reason");
  Numbering number("3");
  for (const SuppressStep& s : event.suppress) {
    ExplainItem item = construct_item(s.construct, number.next());
    item.items.push_back(note("when the condition holds, the event is suppressed: nothing further happens to it"));
    stage.items.push_back(std::move(item));
  }
  for (const CorrelateStep& c : event.correlate) {
    ExplainItem item = construct_item(c.construct, number.next());
    item.items.push_back(note("the event joins the open incident that an event with the same key joined within the last " +
                              lang::format_duration(c.window_ms)));
    stage.items.push_back(std::move(item));
  }
  for (const FreezeCheck& check : event.freezes) {
    const FreezePlan& freeze = plan_.freezes.at(check.freeze);
    ExplainItem item = construct_item(freeze.construct, number.next());
    std::string unless = check.unless_bit ? ", unless its `unless` condition holds" : "";
    item.items.push_back(note("active " + freeze_window(freeze) + "; while it is active the event is denied" + unless));
    stage.items.push_back(std::move(item));
  }
  if (event.has_permits) {
    ExplainItem permits = step_item(number.next(), "permits",
                                    "default deny: a permit names " + event.type +
                                        ", so the event is denied unless at least one of these holds");
    for (const PermitStep& p : event.permits) permits.items.push_back(construct_item(p.construct));
    stage.items.push_back(std::move(permits));
  }
  for (const GuardStep& g : event.guards) {
    ExplainItem item = construct_item(g.construct, number.next());
    item.items.push_back(note("when the guard applies, every deny clause that holds denies the event with its reason"));
    for (const DenyStep& d : g.denies) {
      ExplainItem deny;
      deny.kind = "deny";
      deny.text = d.text;
      deny.where = d.where;
      item.items.push_back(std::move(deny));
    }
    stage.items.push_back(std::move(item));
  }
  if (number.empty()) stage.text = "screen and admit: nothing applies; the event is admitted";
  return stage;
}

ExplainItem Explainer::apply_stage(const EventPlan& event) const {
  ExplainItem stage = step_item("4", "stage",
                                "apply, in this order; each step sees the effects of the steps before it, and a "
                                "rule's actions run, in order, when its condition holds");
  Numbering number("4");
  for (const ClassifyStep& c : event.classify) {
    ExplainItem item = construct_item(c.construct, number.next());
    item.items.push_back(note("the first row that holds sets state." + c.field));
    for (const ClassifyStep::Row& row : c.rows) {
      ExplainItem line;
      line.kind = "row";
      line.text = row.text;
      line.where = row.where;
      item.items.push_back(std::move(line));
    }
    stage.items.push_back(std::move(item));
  }
  for (const RuleStep& r : event.rules) {
    ExplainItem item = construct_item(r.construct, number.next());
    item.items = action_items(r.actions);
    stage.items.push_back(std::move(item));
  }
  for (const TriggerStep& t : event.triggers) stage.items.push_back(trigger_item(t, event.global, number.next()));
  if (auto emitted = emitted_item(event)) {
    emitted->step = number.next();
    stage.items.push_back(std::move(*emitted));
  }
  if (number.empty()) stage.text = "apply: nothing applies";
  return stage;
}

ExplainItem Explainer::trigger_item(const TriggerStep& t, bool global_event, std::string step) const {
  const ConstructInfo& info = plan_.constructs.at(trigger_construct(plan_, t));
  ExplainItem item = step_item(std::move(step), trigger_kind(t.kind),
                               std::string(construct_kind_name(info.kind)) + " " + info.name + ": " + t.text);
  item.name = info.name;
  item.where = t.where;
  item.items.push_back(note(trigger_effect(plan_, t)));
  if (std::string reach = global_event ? global_reach(t.kind) : std::string(); !reach.empty()) {
    item.items.push_back(note(reach));
  }
  if (t.started_routine >= 0) {
    item.items.push_back(note("the condition is evaluated for each running instance, with `started` = the event "
                              "that started it"));
  }
  return item;
}

// Every event the rules emit, and what those events' rules emit in turn, breadth first.
std::optional<ExplainItem> Explainer::emitted_item(const EventPlan& event) const {
  ExplainItem item = step_item("", "emitted",
                               "then the events emitted above are processed, in this order (breadth first), each as "
                               "an event of its type");
  std::vector<std::string> queue{event.type};
  std::set<std::string> seen{event.type};
  for (std::size_t i = 0; i < queue.size(); ++i) {
    const EventPlan* from = plan_.event(queue[i]);
    if (!from) continue;
    for (const RuleStep& rule : from->rules) {
      for (const ActionPlan& a : rule.actions.actions) {
        if (a.kind != ActionPlan::Kind::Emit) continue;
        ExplainItem line;
        line.kind = "emit";
        line.name = a.target;
        line.text = a.target + ", emitted by rule " + plan_.constructs.at(rule.construct).name + " on " + queue[i];
        line.where = a.where;
        item.items.push_back(std::move(line));
        if (seen.insert(a.target).second) queue.push_back(a.target);
      }
    }
  }
  if (item.items.empty()) return std::nullopt;
  return item;
}

}  // namespace writ::compiler::detail
