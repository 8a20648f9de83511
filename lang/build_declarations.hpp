#pragma once
// Grammar actions for declarations: data (enum, const, event, state, table, calendar,
// services) and behaviour (classify, rule, permit, guard, suppress, correlate, sla,
// escalation, obligation, freeze, measure).
// Included by ast_builder.cpp only: PEGTL needs every action visible where it parses.
#include "lang/build_action.hpp"

namespace writ::lang::detail {

// ---- declarations

WRIT_ON(enum_decl) {
  EnumDecl& d = s.finish_decl<EnumDecl>(in);
  d.name = s.item.idents.front();
  d.values.assign(s.item.idents.begin() + 1, s.item.idents.end());
  s.commit_decl();
}
WRIT_ON(const_decl) {
  ConstDecl& d = s.finish_decl<ConstDecl>(in);
  d.value = s.pop();
  d.name = s.pop_ident();
  s.commit_decl();
}

WRIT_ON(field_decl) {
  FieldDecl field;
  field.annotations = std::exchange(s.item.field_annotations, {});
  field.type = s.pop_type();
  field.name = s.pop_ident();
  field.span = s.span(in);
  s.decl<EventDecl>().fields.push_back(std::move(field));
}
WRIT_ON(event_global) { s.decl<EventDecl>().global = true; }
WRIT_ON(event_decl) {
  EventDecl& d = s.finish_decl<EventDecl>(in);
  d.type = s.pop_path();
  s.commit_decl();
}

WRIT_ON(state_field) {
  StateField field;
  field.annotations = std::exchange(s.item.field_annotations, {});
  field.initial = s.pop();
  field.type = s.pop_type();
  field.name = s.pop_ident();
  field.span = s.span(in);
  s.decl<StateDecl>().fields.push_back(std::move(field));
}
WRIT_ON(global_keyword) { s.decl<StateDecl>().global = true; }
WRIT_ON(state_decl) {
  s.finish_decl<StateDecl>(in);
  s.commit_decl();
}

WRIT_ON(key_types) { s.decl<TableDecl>().key_types = std::exchange(s.item.types, {}); }
WRIT_ON(tuple_open) { s.mark(); }
WRIT_ON(tuple_keys) {
  std::uint32_t height = 1;
  s.item.row_keys = s.pop_to_mark(height);
}
WRIT_ON(table_keyed_row) {
  TableRow row;
  row.value = s.pop();
  if (s.item.row_keys.empty()) {
    row.keys.push_back(s.pop());
  } else {
    row.keys = std::exchange(s.item.row_keys, {});
  }
  row.span = s.span(in);
  s.decl<TableDecl>().rows.push_back(std::move(row));
}
WRIT_ON(table_otherwise_row) {
  TableRow row;
  row.otherwise = true;
  row.value = s.pop();
  row.span = s.span(in);
  s.decl<TableDecl>().rows.push_back(std::move(row));
}
WRIT_ON(table_decl) {
  TableDecl& d = s.finish_decl<TableDecl>(in);
  d.value_type = s.pop_type();
  d.name = s.pop_ident();
  s.commit_decl();
}

WRIT_ON(zone_item) {
  CalendarDecl& d = s.decl<CalendarDecl>();
  Text zone = s.pop_text();
  if (d.zone_span.end != 0) {
    s.duplicate_clause(s.span(in), "zone", "calendar");
    return;
  }
  d.zone = std::move(zone.value);
  d.zone_span = zone.span;
}
WRIT_ON(open_item) {
  OpenHours hours;
  hours.first_day = s.item.weekdays.front();
  hours.last_day = s.item.weekdays.back();
  hours.from_minute = s.item.clocks[0];
  hours.to_minute = s.item.clocks[1];
  hours.span = s.span(in);
  s.item.weekdays.clear();
  s.item.clocks.clear();
  s.decl<CalendarDecl>().open.push_back(hours);
}
WRIT_ON(closed_day) {
  ClosedDays days{s.item.dates.front(), s.item.dates.back(), s.span(in)};
  s.item.dates.clear();
  s.decl<CalendarDecl>().closed.push_back(days);
}
WRIT_ON(calendar_decl) {
  CalendarDecl& d = s.finish_decl<CalendarDecl>(in);
  d.name = s.pop_ident();
  s.commit_decl();
}

WRIT_ON(service_edge) {
  std::vector<Text> texts = std::exchange(s.item.texts, {});
  ServiceEdge edge;
  edge.service = std::move(texts.front().value);
  edge.service_span = texts.front().span;
  for (std::size_t i = 1; i < texts.size(); ++i) {
    edge.depends_on.push_back(std::move(texts[i].value));
    edge.depends_on_spans.push_back(texts[i].span);
  }
  edge.span = s.span(in);
  s.decl<ServicesDecl>().edges.push_back(std::move(edge));
}
WRIT_ON(services_decl) {
  s.finish_decl<ServicesDecl>(in);
  s.commit_decl();
}

WRIT_ON(classify_when_row) {
  ClassifyRow row;
  row.value = s.pop();
  row.condition = s.pop();
  row.span = s.span(in);
  s.decl<ClassifyDecl>().rows.push_back(std::move(row));
}
WRIT_ON(classify_otherwise_row) {
  ClassifyRow row;
  row.value = s.pop();
  row.span = s.span(in);
  s.decl<ClassifyDecl>().rows.push_back(std::move(row));
}
WRIT_ON(classify_decl) {
  ClassifyDecl& d = s.finish_decl<ClassifyDecl>(in);
  d.event_type = s.pop_path();
  d.field = s.pop_ident();
  s.commit_decl();
}

WRIT_ON(timer_trigger) { s.decl<RuleDecl>().delay = s.pop(); }
WRIT_ON(rule_condition) { s.decl<RuleDecl>().condition = s.pop(); }
WRIT_ON(rule_decl) {
  RuleDecl& d = s.finish_decl<RuleDecl>(in);
  d.actions = std::exchange(s.item.actions, {});
  d.event_type = s.pop_path();
  d.name = s.pop_ident();
  s.commit_decl();
}

WRIT_ON(permit_decl) {
  PermitDecl& d = s.finish_decl<PermitDecl>(in);
  d.condition = s.pop();
  d.event_type = s.pop_path();
  s.commit_decl();
}

WRIT_ON(guard_condition) { s.decl<GuardDecl>().condition = s.pop(); }
WRIT_ON(deny_clause) {
  DenyClause deny;
  deny.reason = std::move(*s.item.message);
  s.item.message.reset();
  deny.condition = s.pop();
  deny.span = s.span(in);
  s.decl<GuardDecl>().denies.push_back(std::move(deny));
}
WRIT_ON(guard_decl) {
  GuardDecl& d = s.finish_decl<GuardDecl>(in);
  d.event_type = s.pop_path();
  d.name = s.pop_ident();
  s.commit_decl();
}

WRIT_ON(suppress_decl) {
  SuppressDecl& d = s.finish_decl<SuppressDecl>(in);
  d.condition = s.pop();
  d.event_type = s.pop_path();
  s.commit_decl();
}
WRIT_ON(correlate_decl) {
  CorrelateDecl& d = s.finish_decl<CorrelateDecl>(in);
  d.window = s.pop();
  d.key = s.pop();
  d.event_type = s.pop_path();
  s.commit_decl();
}

WRIT_ON(sla_calendar) { s.decl<SlaDecl>().calendar = s.pop_path(); }
WRIT_ON(sla_start) {
  SlaDecl& d = s.decl<SlaDecl>();
  if (d.start) {
    s.duplicate_clause(s.span(in), "start", "SLA");
    s.item.trigger.reset();
    return;
  }
  d.start = s.take_trigger();
}
WRIT_ON(sla_stop) { s.decl<SlaDecl>().stops.push_back(s.take_trigger()); }
WRIT_ON(sla_pause) { s.decl<SlaDecl>().pauses.push_back(s.take_trigger()); }
WRIT_ON(sla_resume) { s.decl<SlaDecl>().resumes.push_back(s.take_trigger()); }
WRIT_ON(sla_warn) {
  SlaWarn warn;
  warn.percentages = std::exchange(s.item.percents, {});
  warn.percentage_spans = std::exchange(s.item.percent_spans, {});
  warn.actions = std::exchange(s.item.actions, {});
  warn.span = s.span(in);
  s.decl<SlaDecl>().warns.push_back(std::move(warn));
}
template <typename In>
void set_once(std::optional<ActionBlock>& slot, const In& in, BuilderState& s, std::string_view clause,
              std::string_view construct) {
  ActionBlock block = take_block(in, s);
  if (slot) {
    s.duplicate_clause(block.span, clause, construct);
    return;
  }
  slot = std::move(block);
}
WRIT_ON(sla_breach) { set_once(s.decl<SlaDecl>().breach, in, s, "breach", "SLA"); }
WRIT_ON(sla_met) { set_once(s.decl<SlaDecl>().met, in, s, "met", "SLA"); }
WRIT_ON(sla_decl) {
  SlaDecl& d = s.finish_decl<SlaDecl>(in);
  d.target = s.pop();
  d.name = s.pop_ident();
  s.commit_decl();
}

WRIT_ON(level_delay) { s.item.level_delay = s.pop(); }
WRIT_ON(esc_level) {
  LadderLevel level;
  level.actions = std::exchange(s.item.actions, {});
  level.delay = std::move(s.item.level_delay);
  level.number = s.pop()->int_value;
  level.span = s.span(in);
  s.decl<EscalationDecl>().levels.push_back(std::move(level));
}
WRIT_ON(esc_stop) { s.decl<EscalationDecl>().stops.push_back(s.take_trigger()); }
WRIT_ON(esc_repeat) {
  EscalationDecl& d = s.decl<EscalationDecl>();
  ExprPtr delay = s.pop();
  std::int64_t count = s.pop()->int_value;
  if (d.repeat_count) {
    s.duplicate_clause(s.span(in), "repeat", "escalation");
    return;
  }
  d.repeat_count = count;
  d.repeat_delay = std::move(delay);
  d.repeat_span = s.span(in);
}
WRIT_ON(escalation_decl) {
  EscalationDecl& d = s.finish_decl<EscalationDecl>(in);
  d.name = s.pop_ident();
  s.commit_decl();
}

WRIT_ON(ob_after) {
  ObligationDecl& d = s.decl<ObligationDecl>();
  Trigger after = s.take_trigger();
  if (d.after) {
    s.duplicate_clause(s.span(in), "after", "obligation");
    return;
  }
  d.after = std::move(after);
}
WRIT_ON(ob_while) {
  ObligationDecl& d = s.decl<ObligationDecl>();
  ExprPtr condition = s.pop();
  if (d.while_condition) {
    s.duplicate_clause(s.span(in), "while", "obligation");
    return;
  }
  d.while_condition = std::move(condition);
}
WRIT_ON(require_within) { s.item.within = s.pop(); }
WRIT_ON(require_every) { s.item.every = s.pop(); }
WRIT_ON(require_where) { s.item.clause_condition = s.pop(); }
WRIT_ON(ob_require) {
  ObligationDecl& d = s.decl<ObligationDecl>();
  Path type = s.pop_path();
  ExprPtr within = std::move(s.item.within);
  ExprPtr every = std::move(s.item.every);
  ExprPtr where = std::move(s.item.clause_condition);
  if (d.require_span.end != 0) {
    s.duplicate_clause(s.span(in), "require", "obligation");
    return;
  }
  d.required_type = std::move(type);
  d.within = std::move(within);
  d.every = std::move(every);
  d.where = std::move(where);
  d.require_span = s.span(in);
}
WRIT_ON(ob_violation) { set_once(s.decl<ObligationDecl>().violation, in, s, "violation", "obligation"); }
WRIT_ON(obligation_decl) {
  ObligationDecl& d = s.finish_decl<ObligationDecl>(in);
  d.name = s.pop_ident();
  s.commit_decl();
}

WRIT_ON(fz_after) {
  FreezeDecl& d = s.decl<FreezeDecl>();
  ExprPtr duration = s.pop();
  Trigger after = s.take_trigger();
  if (d.after) {
    s.duplicate_clause(s.span(in), "after", "freeze");
    return;
  }
  d.after = std::move(after);
  d.duration = std::move(duration);
}
WRIT_ON(fz_window) {
  FreezeDecl& d = s.decl<FreezeDecl>();
  ExprPtr to = s.pop();
  ExprPtr from = s.pop();
  if (d.from) {
    s.duplicate_clause(s.span(in), "from", "freeze");
    return;
  }
  d.from = std::move(from);
  d.to = std::move(to);
}
WRIT_ON(fz_unless) { s.item.clause_condition = s.pop(); }
WRIT_ON(fz_block) {
  FreezeDecl& d = s.decl<FreezeDecl>();
  std::vector<Path> types = std::exchange(s.item.paths, {});
  ExprPtr unless = std::move(s.item.clause_condition);
  if (d.block_span.end != 0) {
    s.duplicate_clause(s.span(in), "block", "freeze");
    return;
  }
  d.blocked_types = std::move(types);
  d.unless = std::move(unless);
  d.block_span = s.span(in);
}
WRIT_ON(freeze_decl) {
  FreezeDecl& d = s.finish_decl<FreezeDecl>(in);
  d.name = s.pop_ident();
  s.commit_decl();
}

WRIT_ON(measure_calendar) { s.decl<MeasureDecl>().calendar = s.pop_path(); }
WRIT_ON(measure_target) { s.decl<MeasureDecl>().target = s.pop(); }
WRIT_ON(measure_decl) {
  MeasureDecl& d = s.finish_decl<MeasureDecl>(in);
  d.to_type = s.pop_path();
  d.from_type = s.pop_path();
  d.name = s.pop_ident();
  s.commit_decl();
}

}  // namespace writ::lang::detail
