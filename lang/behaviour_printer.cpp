// The printer's behaviour declarations, actions and test blocks.
#include <fmt/format.h>

#include "lang/decl_printer.hpp"
#include "lang/expr_printer.hpp"
#include "lang/literals.hpp"

namespace writ::lang {

namespace {

using detail::text;

std::string trigger_text(const Trigger& trigger) {
  std::string out = trigger.event_type.str();
  if (trigger.condition) out += " when " + text(trigger.condition);
  return out;
}

std::string record_text(const std::vector<FieldValue>& fields) {
  if (fields.empty()) return "{}";
  std::string out;
  for (const auto& field : fields) out += (out.empty() ? "{ " : ", ") + field.name.text + ": " + text(field.value);
  return out + " }";
}

std::string expect_kind_text(const TestExpect& e) {
  std::string name = e.name ? e.name->str() : "";
  switch (e.kind) {
    case TestExpect::Kind::Notify: return "notify " + text(e.value);
    case TestExpect::Kind::Denied: return e.because ? "denied because " + quote_string(*e.because) : "denied";
    case TestExpect::Kind::Allowed: return "allowed";
    case TestExpect::Kind::Breach: return "breach " + name;
    case TestExpect::Kind::Warn: return "warn " + name;
    case TestExpect::Kind::Met: return "met " + name;
    case TestExpect::Kind::Violation: return "violation " + name;
    case TestExpect::Kind::Blocked: return e.name ? "blocked by " + name : "blocked";
    case TestExpect::Kind::Ticket: return "ticket " + text(e.value);
    case TestExpect::Kind::State: return "state." + e.state_field.text + " == " + text(e.value);
    case TestExpect::Kind::Global: return "global." + e.state_field.text + " == " + text(e.value);
    case TestExpect::Kind::Suppressed: return "suppressed";
    case TestExpect::Kind::Correlated: return "correlated";
    case TestExpect::Kind::Measure: return "measure " + name + " == " + text(e.value);
  }
  return {};
}

std::string expect_text(const TestExpect& e) { return (e.negated ? "no " : "") + expect_kind_text(e); }

// `name: value,` one per line: the fields of an emit or of a test step's record.
template <typename Field>
void value_field_lines(LineWriter& w, const std::vector<Field>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const auto& field = fields[i];
    w.item(field.span.begin, field.name.text + ": " + text(field.value) + (i + 1 < fields.size() ? "," : ""));
  }
}

}  // namespace

std::string action_text(const Action& a, ExprForm form) {
  auto t = [form](const ExprPtr& e) { return e ? expr_text(*e, form) : std::string(); };
  std::string out;
  switch (a.kind) {
    case Action::Kind::Set: return "set " + a.target.str() + " = " + t(a.value);
    case Action::Kind::Notify:
      out = "notify " + t(a.value);
      if (a.message) out += " message " + message_text(*a.message, form);
      return out;
    case Action::Kind::Emit:
      out = "emit " + a.target.str();
      for (std::size_t i = 0; i < a.fields.size(); ++i) {
        out += (i == 0 ? " { " : ", ") + a.fields[i].name.text + ": " + t(a.fields[i].value);
      }
      return a.fields.empty() ? out : out + " }";
    case Action::Kind::Escalate: return "escalate " + a.target.str();
    case Action::Kind::Stop: return "stop " + a.target.str();
    case Action::Kind::OpenTicket:
      out = "open ticket " + t(a.value);
      if (a.owner) out += " owner " + t(a.owner);
      if (a.due) out += " due " + t(a.due);
      return out;
    case Action::Kind::Audit: return a.message ? "audit " + message_text(*a.message, form) : "audit";
    case Action::Kind::Close: return "close";
  }
  return out;
}

std::string normalized_action_text(const Action& a) { return action_text(a, ExprForm::Normalized); }

void DeclPrinter::print(const ClassifyDecl& d) {
  block(d.annotations, d.span, "classify " + d.field.text + " on " + d.event_type.str(), d.rows.empty(), [&] {
    for (const auto& row : d.rows) {
      std::string when = row.condition ? "when " + text(row.condition) : "otherwise";
      w_.item(row.span.begin, when + " => " + text(row.value));
    }
  });
}

void DeclPrinter::print(const RuleDecl& d) {
  std::string title = "rule " + d.name.text + " on ";
  if (d.delay) title += text(d.delay) + " after ";
  title += d.event_type.str();
  when_block(d.annotations, d.span, title, d.condition, d.actions.empty(), [&] { actions(d.actions); });
}

void DeclPrinter::print(const PermitDecl& d) {
  std::string line = "permit " + d.event_type.str();
  if (d.condition) line += " when " + text(d.condition);
  head(d.annotations, d.span, line);
}

void DeclPrinter::print(const GuardDecl& d) {
  std::string title = "guard " + d.name.text + " on " + d.event_type.str();
  when_block(d.annotations, d.span, title, d.condition, d.denies.empty(), [&] {
    for (const auto& deny : d.denies) {
      w_.item(deny.span.begin, "deny when " + text(deny.condition) + " because " + message_text(deny.reason));
    }
  });
}

void DeclPrinter::print(const SuppressDecl& d) {
  std::string line = "suppress " + d.event_type.str();
  if (d.condition) line += " when " + text(d.condition);
  head(d.annotations, d.span, line);
}

void DeclPrinter::print(const CorrelateDecl& d) {
  head(d.annotations, d.span,
       "correlate " + d.event_type.str() + " by " + text(d.key) + " within " + text(d.window));
}

void DeclPrinter::print(const SlaDecl& d) {
  std::string title = "sla " + d.name.text + " within " + text(d.target);
  if (d.calendar) title += " during " + d.calendar->str();
  bool empty = !d.start && d.stops.empty() && d.pauses.empty() && d.resumes.empty() && d.warns.empty() &&
               !d.breach && !d.met;
  block(d.annotations, d.span, title, empty, [&] {
    if (d.start) trigger("start on", *d.start);
    for (const auto& t : d.stops) trigger("stop on", t);
    for (const auto& t : d.pauses) trigger("pause on", t);
    for (const auto& t : d.resumes) trigger("resume on", t);
    for (const auto& warn : d.warns) {
      std::string at;
      for (int percent : warn.percentages) at += fmt::format("{}{}%", at.empty() ? "warn at " : ", ", percent);
      action_block(warn.span.begin, warn.span, at, warn.actions);
    }
    if (d.breach) action_block(d.breach->span.begin, d.breach->span, "breach", d.breach->actions);
    if (d.met) action_block(d.met->span.begin, d.met->span, "met", d.met->actions);
  });
}

void DeclPrinter::print(const EscalationDecl& d) {
  bool empty = d.levels.empty() && d.stops.empty() && !d.repeat_count;
  block(d.annotations, d.span, "escalation " + d.name.text, empty, [&] {
    for (const auto& level : d.levels) {
      std::string title = fmt::format("level {}", level.number);
      if (level.delay) title += " after " + text(level.delay);
      action_block(level.span.begin, level.span, title + ":", level.actions, true);
    }
    for (const auto& t : d.stops) trigger("stop on", t);
    if (d.repeat_count) {
      std::string line = fmt::format("repeat {}", *d.repeat_count);
      if (d.repeat_delay) line += " after " + text(d.repeat_delay);
      w_.item(d.repeat_span.begin, line);
    }
  });
}

void DeclPrinter::print(const ObligationDecl& d) {
  bool has_require = !d.required_type.parts.empty();
  bool empty = !d.after && !d.while_condition && !has_require && !d.violation;
  block(d.annotations, d.span, "obligation " + d.name.text, empty, [&] {
    if (d.after) trigger("after", *d.after);
    if (d.while_condition) w_.item(d.while_condition->span.begin, "while " + text(d.while_condition));
    if (has_require) {
      std::string line = "require " + d.required_type.str();
      if (d.within) line += " within " + text(d.within);
      if (d.every) line += " every " + text(d.every);
      std::string where = d.where ? "where " + text(d.where) : "";
      if (!d.where || w_.fits(line + " " + where)) {
        w_.item(d.require_span.begin, d.where ? line + " " + where : line);
      } else {
        w_.item(d.require_span.begin, line);
        w_.indent();
        w_.continuation(d.where->span.begin, where);
        w_.dedent();
      }
    }
    if (d.violation) action_block(d.violation->span.begin, d.violation->span, "violation", d.violation->actions);
  });
}

void DeclPrinter::print(const FreezeDecl& d) {
  bool has_block = !d.blocked_types.empty() || d.unless;
  bool empty = !d.after && !d.from && !d.to && !has_block;
  block(d.annotations, d.span, "freeze " + d.name.text, empty, [&] {
    if (d.after) {
      std::string line = "after " + trigger_text(*d.after);
      if (d.duration) line += " for " + text(d.duration);
      w_.item(d.after->span.begin, line);
    }
    if (d.from || d.to) {
      std::string line = d.from ? "from " + text(d.from) : "";
      if (d.to) line += (line.empty() ? "to " : " to ") + text(d.to);
      w_.item((d.from ? d.from : d.to)->span.begin, line);
    }
    if (has_block) {
      std::string line = "block";
      for (std::size_t i = 0; i < d.blocked_types.size(); ++i) line += (i == 0 ? " " : ", ") + d.blocked_types[i].str();
      if (d.unless) line += " unless " + text(d.unless);
      w_.item(d.block_span.begin, line);
    }
  });
}

void DeclPrinter::print(const MeasureDecl& d) {
  std::string line = "measure " + d.name.text + " from " + d.from_type.str() + " to " + d.to_type.str();
  if (d.calendar) line += " during " + d.calendar->str();
  if (d.target) line += " target " + text(d.target);
  head(d.annotations, d.span, line);
}

void DeclPrinter::print(const TestDecl& d) {
  block(d.annotations, d.span, "test " + quote_string(d.name), d.steps.empty(), [&] {
    for (const auto& step : d.steps) {
      if (const auto* at = std::get_if<TestAt>(&step.step)) {
        test_at(*at);
      } else {
        test_expect(std::get<TestExpect>(step.step));
      }
    }
  });
}

void DeclPrinter::actions(const Actions& list) {
  for (const auto& a : list) action(a);
}

void DeclPrinter::action(const Action& a) {
  std::string line = action_text(a);
  bool split = a.kind == Action::Kind::Emit && !a.fields.empty() && (!w_.fits(line) || w_.has_comment_in(a.span));
  if (!split) {
    w_.item(a.span.begin, line);
    return;
  }
  w_.item(a.span.begin, "emit " + a.target.str() + " {");
  w_.open_block();
  value_field_lines(w_, a.fields);
  w_.close_block(a.span.end);
}

void DeclPrinter::action_block(std::uint32_t anchor, const Span& span, const std::string& title,
                               const Actions& list, bool bare) {
  bool comments = w_.has_comment_in(span);
  if (!comments && list.empty()) {
    w_.item(anchor, title + " {}");
    return;
  }
  if (!comments && list.size() == 1) {
    std::string action = action_text(list.front());
    std::string line = bare ? title + " " + action : title + " { " + action + " }";
    if (w_.fits(line)) {
      w_.item(anchor, line);
      return;
    }
  }
  w_.item(anchor, title + " {");
  w_.open_block();
  actions(list);
  w_.close_block(span.end);
}

void DeclPrinter::trigger(const std::string& keyword, const Trigger& t) {
  w_.item(t.span.begin, keyword + " " + trigger_text(t));
}

void DeclPrinter::test_at(const TestAt& at) {
  std::string line = "at " + std::string(at.relative ? "+" : "") + text(at.when);
  if (!at.event_type) {
    w_.item(at.span.begin, line);
    return;
  }
  line += " " + at.event_type->str();
  std::string as = at.actor ? " as " + record_text(*at.actor) : "";
  // The event record ends where the actor record begins; comments inside it keep it open.
  std::uint32_t record_end = at.actor && !at.actor->empty() ? at.actor->front().span.begin : at.span.end;
  std::string one_line = line + " " + record_text(at.fields) + as;
  if (!w_.has_comment_in({at.span.file, at.span.begin, record_end}) && w_.fits(one_line)) {
    w_.item(at.span.begin, one_line);
    return;
  }
  w_.item(at.span.begin, line + " {");
  w_.open_block();
  value_field_lines(w_, at.fields);
  w_.close_block(record_end, as);
}

void DeclPrinter::test_expect(const TestExpect& e) { w_.item(e.span.begin, "expect " + expect_text(e)); }

}  // namespace writ::lang
