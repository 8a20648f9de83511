#pragma once
// Grammar actions for policy actions (set, notify, emit, ...), triggers and the file header.
// Included by ast_builder.cpp only: PEGTL needs every action visible where it parses.
#include "lang/build_action.hpp"

namespace writ::lang::detail {

// ---- actions

WRIT_ON(set_action) {
  Action a;
  a.value = s.pop();
  a.target = s.pop_path();
  s.push_action(Action::Kind::Set, in, std::move(a));
}
WRIT_ON(notify_action) {
  Action a;
  a.message = std::exchange(s.item.message, std::nullopt);
  a.value = s.pop();
  s.push_action(Action::Kind::Notify, in, std::move(a));
}
WRIT_ON(record_field) {
  FieldValue field;
  field.value = s.pop();
  field.name = s.pop_ident();
  field.span = s.span(in);
  s.item.fields.push_back(std::move(field));
}
WRIT_ON(emit_action) {
  Action a;
  a.target = s.pop_path();
  for (FieldValue& f : std::exchange(s.item.fields, {})) {
    a.fields.push_back({std::move(f.name), std::move(f.value), f.span});
  }
  s.push_action(Action::Kind::Emit, in, std::move(a));
}
WRIT_ON(escalate_action) {
  Action a;
  a.target = s.pop_path();
  s.push_action(Action::Kind::Escalate, in, std::move(a));
}
WRIT_ON(stop_action) {
  Action a;
  a.target = s.pop_path();
  s.push_action(Action::Kind::Stop, in, std::move(a));
}
WRIT_ON(ticket_owner) { s.item.owner = s.pop(); }
WRIT_ON(ticket_due) { s.item.due = s.pop(); }
WRIT_ON(ticket_action) {
  Action a;
  a.owner = std::move(s.item.owner);
  a.due = std::move(s.item.due);
  a.value = s.pop();
  s.push_action(Action::Kind::OpenTicket, in, std::move(a));
}
WRIT_ON(audit_action) {
  Action a;
  a.message = std::exchange(s.item.message, std::nullopt);
  s.push_action(Action::Kind::Audit, in, std::move(a));
}
WRIT_ON(close_action) { s.push_action(Action::Kind::Close, in, Action{}); }

template <typename In>
ActionBlock take_block(const In& in, BuilderState& s) {
  return {std::exchange(s.item.actions, {}), s.span(in)};
}

WRIT_ON(trigger_condition) { s.item.trigger_condition = s.pop(); }
WRIT_ON(trigger) {
  Trigger t;
  t.event_type = s.pop_path();
  t.condition = std::move(s.item.trigger_condition);
  t.span = s.span(in);
  s.item.trigger = std::move(t);
}

// ---- file header

WRIT_ON(policy_version) { s.item.version = s.pop_text().value; }
WRIT_ON(policy_header) {
  PolicyHeader header;
  header.version = s.item.version.value_or("");
  header.name = s.pop_ident();
  header.span = s.span(in);
  header.annotations = std::exchange(s.item.decl_annotations, {});
  if (s.module.header) {
    s.diags.error(Code::SyntaxError, header.span, "a file has only one `policy` header");
  } else if (!s.module.imports.empty() || !s.module.decls.empty()) {
    s.diags.error(Code::SyntaxError, header.span, "the `policy` header must come first in the file");
  } else {
    s.module.header = std::move(header);
  }
}
WRIT_ON(import_decl) {
  Import import;
  import.path = s.pop_text().value;
  import.span = s.span(in);
  if (!s.module.decls.empty()) {
    s.diags.error(Code::SyntaxError, import.span, "imports come before the declarations of a file");
  }
  // Annotations followed by an import belong to the policy (language reference, "Files").
  if (!s.item.decl_annotations.empty()) {
    if (s.module.header && s.module.decls.empty()) {
      for (Annotation& a : std::exchange(s.item.decl_annotations, {})) s.module.header->annotations.push_back(a);
    } else {
      s.diags.error(Code::SyntaxError, s.item.decl_annotations.front().span,
                    "annotations before an `import` belong to the `policy` header, and this file has none before them");
    }
  }
  s.module.imports.push_back(std::move(import));
}

}  // namespace writ::lang::detail
