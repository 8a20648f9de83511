#include "runtime/test_runner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "lang/json_writer.hpp"
#include "lang/literals.hpp"
#include "runtime/engine.hpp"
#include "runtime/event_decoder.hpp"
#include "runtime/value_text.hpp"

namespace writ::runtime {

namespace {

using XK = compiler::TestExpectPlan::Kind;

std::string event_line(const compiler::TestEvent& e, std::int64_t at) {
  std::string line = "{\"at\":" + lang::json_quote(lang::format_time(at)) + ",\"type\":" + lang::json_quote(e.type);
  for (const auto& [name, value] : e.fields) line += "," + lang::json_quote(name) + ":" + value;
  if (e.actor_id || e.actor_role) {
    line += ",\"actor\":{\"id\":" + lang::json_quote(e.actor_id.value_or("")) +
            ",\"role\":" + lang::json_quote(e.actor_role.value_or("")) + "}";
  }
  return line + "}";
}

std::string summary(const std::vector<Decision>& step) {
  std::vector<std::string> parts;
  for (const Decision& d : step) {
    if (d.kind == "event") continue;
    std::string part(d.kind);
    if (!d.name.empty()) part.append(" ").append(d.name);
    if (!d.target.empty()) part += " -> " + d.target;
    if (!d.reason.empty()) part += " (" + d.reason + ")";
    parts.push_back(part);
  }
  return parts.empty() ? "nothing was decided" : "this step gave: " + fmt::format("{}", fmt::join(parts, "; "));
}

bool any(const std::vector<Decision>& step, const std::string& kind, const std::string& name = "",
         const std::string& target = "") {
  return std::any_of(step.begin(), step.end(), [&](const Decision& d) {
    return d.kind == kind && (name.empty() || d.name == name) && (target.empty() || d.target == target);
  });
}

bool denied(const std::vector<Decision>& step, const std::optional<std::string>& because) {
  return std::any_of(step.begin(), step.end(), [&](const Decision& d) {
    return (d.kind == "denied" || d.kind == "blocked") && (!because || d.reason == *because);
  });
}

class Runner {
 public:
  Runner(const compiler::Plan& plan, compiler::RoutineEvaluator& routines, const std::string& hash)
      : engine_(plan, routines, hash, [this](const Decision& d) { record(d); }),
        decoder_(plan.layouts, engine_.strings()),
        plan_(plan) {}

  void at(const compiler::TestAtPlan& at, TestOutcome& out) {
    step_.clear();
    had_event_ = false;
    if (at.relative && !started_) {
      out.failures.push_back(fmt::format("{}: a relative `at +` step needs an absolute time before it", at.where.text()));
      return;
    }
    now_ = at.relative ? now_ + at.when : at.when;
    started_ = true;
    if (!at.event) return engine_.advance_to(now_);
    had_event_ = true;
    auto decoded = decoder_.decode(event_line(*at.event, now_));
    if (auto* rejection = std::get_if<Rejection>(&decoded)) return engine_.reject(now_, rejection->message, at.event->type);
    engine_.submit(std::get<DecodedEvent>(std::move(decoded)));
    for (const Decision& d : step_) {
      if (d.kind == "event" && d.outcome == "accepted") incident_ = d.incident;
      if (d.kind == "correlated") incident_ = d.target;
    }
  }

  std::optional<std::string> check(const compiler::TestExpectPlan& x) {
    bool happened = false;
    switch (x.kind) {
      case XK::Notify: happened = any(step_, "notify", "", x.value); break;
      case XK::Denied: happened = denied(step_, x.because); break;
      case XK::Allowed:
        happened = had_event_ && !denied(step_, std::nullopt) && !any(step_, "rejected") && !any(step_, "suppressed");
        break;
      case XK::Breach: happened = any(step_, "breach", x.name); break;
      case XK::Warn: happened = any(step_, "warn", x.name); break;
      case XK::Met: happened = any(step_, "met", x.name); break;
      case XK::Violation: happened = any(step_, "violation", x.name); break;
      case XK::Blocked: happened = any(step_, "blocked", x.name); break;
      case XK::Ticket: happened = any(step_, "ticket", "", x.value); break;
      case XK::Suppressed: happened = any(step_, "suppressed"); break;
      case XK::Correlated: happened = any(step_, "correlated"); break;
      case XK::State:
      case XK::Global: return check_field(x);
      case XK::Measure: return check_measure(x);
    }
    if (happened != x.negated) return std::nullopt;
    return fmt::format("{}: {} failed: {}", x.where.text(), x.text, summary(step_));
  }

 private:
  std::optional<std::string> check_field(const compiler::TestExpectPlan& x) {
    bool global = x.kind == XK::Global;
    const compiler::RecordLayout& layout = global ? plan_.layouts.global : plan_.layouts.state;
    const Incident* incident = engine_.incident(incident_);
    const compiler::Record* record = global ? &engine_.global() : incident ? &incident->state : nullptr;
    const compiler::FieldSlot* field = layout.find(x.state_field);
    if (!record || !field) {
      return fmt::format("{}: {} failed: incident `{}` has no state", x.where.text(), x.text, incident_);
    }
    std::string got = json_value(compiler::value_type_of(*field), record->words() + field->word, engine_.strings());
    if (got == x.expected_json) return std::nullopt;
    return fmt::format("{}: {} failed: {}.{} is {}", x.where.text(), x.text, global ? "global" : "state", x.state_field, got);
  }

  // A measure's value for the step's incident, recorded whenever it was taken.
  std::optional<std::string> check_measure(const compiler::TestExpectPlan& x) {
    auto it = measures_.find({incident_, x.name});
    if (it != measures_.end() && it->second == x.expected_json) return std::nullopt;
    return fmt::format("{}: {} failed: {}", x.where.text(), x.text,
                       it == measures_.end() ? "the measure was not taken for incident `" + incident_ + "`"
                                             : "it is " + it->second);
  }

  void record(const Decision& d) {
    step_.push_back(d);
    if (d.kind != "measure") return;
    for (const DecisionValue& v : d.values) {
      if (v.name == "value") measures_[{d.incident, std::string(d.name)}] = v.json;
    }
  }

  std::vector<Decision> step_;
  Engine engine_;
  EventDecoder decoder_;
  const compiler::Plan& plan_;
  std::int64_t now_ = 0;
  bool started_ = false;
  bool had_event_ = false;
  std::string incident_;
  std::map<std::pair<std::string, std::string>, std::string> measures_;  // (incident, measure) -> value
};

}  // namespace

TestOutcome run_test(const compiler::TestCase& test, const compiler::Plan& plan, compiler::RoutineEvaluator& routines,
                     const std::string& policy_hash) {
  TestOutcome out{test.name, test.where, {}};
  Runner runner(plan, routines, policy_hash);
  for (const auto& step : test.steps) {
    if (const auto* at = std::get_if<compiler::TestAtPlan>(&step)) {
      runner.at(*at, out);
    } else if (auto failure = runner.check(std::get<compiler::TestExpectPlan>(step))) {
      out.failures.push_back(*failure);
    }
  }
  return out;
}

}  // namespace writ::runtime
