#pragma once
// Grammar actions for `test` blocks: steps and expectations.
// Included by ast_builder.cpp only: PEGTL needs every action visible where it parses.
#include "lang/build_action.hpp"

namespace writ::lang::detail {

// ---- tests

WRIT_ON(relative_time) { s.item.relative_time = true; }
WRIT_ON(event_record) { s.item.event_fields = std::exchange(s.item.fields, {}); }
WRIT_ON(actor_record) { s.item.actor_fields = std::exchange(s.item.fields, {}); }
WRIT_ON(step_event) { s.item.step_event = s.pop_path(); }
WRIT_ON(test_at) {
  TestAt at;
  at.relative = std::exchange(s.item.relative_time, false);
  at.when = s.pop();
  at.event_type = std::exchange(s.item.step_event, std::nullopt);
  at.fields = std::exchange(s.item.event_fields, {});
  at.actor = std::exchange(s.item.actor_fields, std::nullopt);
  at.span = s.span(in);
  s.decl<TestDecl>().steps.emplace_back().step = std::move(at);
}

inline void expect(BuilderState& s, TestExpect::Kind kind) {
  s.item.expectation.emplace();
  s.item.expectation->kind = kind;
}
inline void expect_value(BuilderState& s, TestExpect::Kind kind) {
  expect(s, kind);
  s.item.expectation->value = s.pop();
}
inline void expect_name(BuilderState& s, TestExpect::Kind kind) {
  expect(s, kind);
  s.item.expectation->name = s.pop_path();
}
WRIT_ON(expect_notify) { expect_value(s, TestExpect::Kind::Notify); }
WRIT_ON(denied_reason) { s.item.denied_because = s.pop_text().value; }
WRIT_ON(expect_denied) {
  expect(s, TestExpect::Kind::Denied);
  s.item.expectation->because = std::exchange(s.item.denied_because, std::nullopt);
}
WRIT_ON(expect_allowed) { expect(s, TestExpect::Kind::Allowed); }
WRIT_ON(expect_breach) { expect_name(s, TestExpect::Kind::Breach); }
WRIT_ON(expect_warn) { expect_name(s, TestExpect::Kind::Warn); }
WRIT_ON(expect_met) { expect_name(s, TestExpect::Kind::Met); }
WRIT_ON(expect_violation) { expect_name(s, TestExpect::Kind::Violation); }
WRIT_ON(blocked_by) { s.item.blocked_by = s.pop_path(); }
WRIT_ON(expect_blocked) {
  expect(s, TestExpect::Kind::Blocked);
  s.item.expectation->name = std::exchange(s.item.blocked_by, std::nullopt);
}
WRIT_ON(expect_ticket) { expect_value(s, TestExpect::Kind::Ticket); }
WRIT_ON(expect_measure) {
  expect_value(s, TestExpect::Kind::Measure);
  s.item.expectation->name = s.pop_path();
}
WRIT_ON(expect_suppressed) { expect(s, TestExpect::Kind::Suppressed); }
WRIT_ON(expect_correlated) { expect(s, TestExpect::Kind::Correlated); }
WRIT_ON(expect_no) { s.item.expectation->negated = true; }
WRIT_ON(expect_global) {
  expect_value(s, TestExpect::Kind::Global);
  s.item.expectation->state_field = s.pop_ident();
}
WRIT_ON(expect_state) {
  expect_value(s, TestExpect::Kind::State);
  s.item.expectation->state_field = s.pop_ident();
}
WRIT_ON(test_expect) {
  TestExpect e = std::move(*s.item.expectation);
  s.item.expectation.reset();
  e.span = s.span(in);
  s.decl<TestDecl>().steps.emplace_back().step = std::move(e);
}
WRIT_ON(test_decl) {
  TestDecl& d = s.finish_decl<TestDecl>(in);
  d.name = s.pop_text().value;
  s.commit_decl();
}

}  // namespace writ::lang::detail
