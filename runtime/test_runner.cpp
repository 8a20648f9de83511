#include "runtime/test_runner.hpp"

#include <fmt/format.h>

#include <algorithm>

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
    std::string part = d.kind;
    if (!d.name.empty()) part += " " + d.name;
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
      : engine_(plan, routines, hash, [this](const Decision& d) { step_.push_back(d); }),
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
    bool ok = false;
    switch (x.kind) {
      case XK::Notify: ok = any(step_, "notify", "", x.value); break;
      case XK::NoNotify: ok = !any(step_, "notify", "", x.value); break;
      case XK::Denied: ok = denied(step_, x.because); break;
      case XK::Allowed:
        ok = had_event_ && !denied(step_, std::nullopt) && !any(step_, "rejected") && !any(step_, "suppressed");
        break;
      case XK::Breach: ok = any(step_, "breach", x.name); break;
      case XK::Warn: ok = any(step_, "warn", x.name); break;
      case XK::Met: ok = any(step_, "met", x.name); break;
      case XK::Violation: ok = any(step_, "violation", x.name); break;
      case XK::Blocked: ok = any(step_, "blocked", x.name); break;
      case XK::Ticket: ok = any(step_, "ticket", "", x.value); break;
      case XK::State: return check_state(x);
    }
    if (ok) return std::nullopt;
    return fmt::format("{}: {} failed: {}", x.where.text(), x.text, summary(step_));
  }

 private:
  std::optional<std::string> check_state(const compiler::TestExpectPlan& x) {
    const Incident* incident = engine_.incident(incident_);
    const compiler::FieldSlot* field = plan_.layouts.state.find(x.state_field);
    if (!incident || !field) {
      return fmt::format("{}: {} failed: incident `{}` has no state", x.where.text(), x.text, incident_);
    }
    std::string got = json_value(compiler::value_type_of(*field), incident->state.words() + field->word, engine_.strings());
    if (got == x.state_json) return std::nullopt;
    return fmt::format("{}: {} failed: state.{} is {}", x.where.text(), x.text, x.state_field, got);
  }

  std::vector<Decision> step_;
  Engine engine_;
  EventDecoder decoder_;
  const compiler::Plan& plan_;
  std::int64_t now_ = 0;
  bool started_ = false;
  bool had_event_ = false;
  std::string incident_;
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
