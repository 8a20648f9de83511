// `test` blocks: events fed to the engine and the expectations about what happened. Their
// values are literals, so they are checked as constants against the schemas.
#include <algorithm>
#include <fmt/format.h>

#include "lang/decl_checker.hpp"
#include "lang/suggest.hpp"

namespace writ::lang::detail {

namespace {

using K = Type::Kind;

// Keys a test event may give besides its schema's fields.
constexpr std::string_view kReservedKeys[] = {"incident", "id"};

bool is_sla_or_obligation(const Symbol& s) { return is_kind<SlaDecl>(s) || is_kind<ObligationDecl>(s); }

bool is_reserved(const EventDecl& event, std::string_view key) {
  if (key == "incident" && event.global) return false;
  return std::find(std::begin(kReservedKeys), std::end(kReservedKeys), key) != std::end(kReservedKeys);
}

}  // namespace

void DeclChecker::check(TestDecl& t) {
  for (TestStep& step : t.steps) {
    if (auto* at = std::get_if<TestAt>(&step.step)) {
      check_test_event(*at);
    } else {
      check_expectation(std::get<TestExpect>(step.step));
    }
  }
}

void DeclChecker::check_test_event(TestAt& at) {
  Context ctx = constant_context(*unit_, "a test step");
  if (at.when) {
    types_.expect(*at.when, ctx, Type::of(at.relative ? K::Duration : K::Time),
                  at.relative ? "the time after `at +`" : "the time after `at`");
  }
  if (at.actor) check_test_actor(*at.actor);
  if (!at.event_type) return;
  const EventDecl* event = trigger_event(*at.event_type);
  std::vector<std::string> given;
  std::vector<const Ident*> seen;
  for (FieldValue& f : at.fields) {
    check_field_once(seen, f.name, fmt::format("field `{}`", f.name.text));
    given.push_back(f.name.text);
    Type want = Type::error();
    if (event && is_reserved(*event, f.name.text)) {
      want = Type::of(K::String);
    } else if (event) {
      auto it = std::find_if(event->fields.begin(), event->fields.end(),
                             [&](const FieldDecl& d) { return d.name.text == f.name.text; });
      if (it != event->fields.end()) {
        want = it->resolved_type;
        want.optional = false;
      } else {
        std::vector<std::string> names;
        for (const FieldDecl& d : event->fields) names.push_back(d.name.text);
        auto& d = diags_.error(Code::UnknownField, f.name.span,
                               fmt::format("`{}` is not a field of `{}`", f.name.text, event->type.str()));
        d.help = did_you_mean(f.name.text, names);
      }
    }
    if (f.value) types_.expect(*f.value, ctx, want, fmt::format("field `{}`", f.name.text));
  }
  if (!event) return;
  std::vector<std::string> missing;
  for (const FieldDecl& d : event->fields) {
    if (!d.resolved_type.optional && std::find(given.begin(), given.end(), d.name.text) == given.end()) {
      missing.push_back(fmt::format("`{}`", d.name.text));
    }
  }
  if (!missing.empty()) {
    diags_.error(Code::MissingClause, at.event_type->span,
                 fmt::format("this `{}` event lacks {}", event->type.str(), fmt::join(missing, ", ")));
  }
}

void DeclChecker::check_test_actor(std::vector<FieldValue>& actor) {
  Context ctx = constant_context(*unit_, "a test step");
  std::vector<const Ident*> seen;
  for (FieldValue& f : actor) {
    check_field_once(seen, f.name, fmt::format("`{}`", f.name.text));
    if (f.name.text != "id" && f.name.text != "role") {
      auto& d = diags_.error(Code::UnknownField, f.name.span, fmt::format("`{}` is not a field of `actor`", f.name.text));
      d.help = "an actor has an `id` and a `role`";
    }
    if (f.value) types_.expect(*f.value, ctx, Type::of(K::String), fmt::format("actor `{}`", f.name.text));
  }
}

void DeclChecker::check_expectation(TestExpect& expect) {
  Context ctx = constant_context(*unit_, "a test expectation");
  using Kind = TestExpect::Kind;
  switch (expect.kind) {
    case Kind::Notify:
    case Kind::Ticket:
      if (expect.value) types_.expect(*expect.value, ctx, Type::of(K::String), "what the test expects");
      break;
    case Kind::Breach:
    case Kind::Warn:
      if (expect.name) resolve_symbol(*expect.name, *unit_, diags_, is_kind<SlaDecl>, "an SLA");
      break;
    case Kind::Met:
      // An SLA stopped in time, or an obligation fulfilled before its deadline.
      if (expect.name) resolve_symbol(*expect.name, *unit_, diags_, is_sla_or_obligation, "an SLA or an obligation");
      break;
    case Kind::Violation:
      if (expect.name) resolve_symbol(*expect.name, *unit_, diags_, is_kind<ObligationDecl>, "an obligation");
      break;
    case Kind::Blocked:
      if (expect.name) resolve_symbol(*expect.name, *unit_, diags_, is_kind<FreezeDecl>, "a freeze");
      break;
    case Kind::State:
    case Kind::Global: check_expected_field(expect, ctx); break;
    case Kind::Measure:
      if (expect.name) resolve_symbol(*expect.name, *unit_, diags_, is_kind<MeasureDecl>, "a measure");
      if (expect.value) types_.expect(*expect.value, ctx, Type::of(K::Duration), "a measured duration");
      break;
    case Kind::Denied:
    case Kind::Allowed:
    case Kind::Suppressed:
    case Kind::Correlated: break;
  }
}

void DeclChecker::check_expected_field(TestExpect& expect, const Context& ctx) {
  bool global = expect.kind == TestExpect::Kind::Global;
  const auto& fields = global ? symbols_.global_fields : symbols_.state_fields;
  std::string record = global ? "global" : "state";
  const std::string& field = expect.state_field.text;
  Type want = Type::error();
  if (auto it = fields.find(field); it != fields.end()) {
    want = it->second->resolved_type;
  } else if (!global && field == "opened_at") {
    want = Type::of(K::Time);
  } else {
    std::vector<std::string> names;
    for (const auto& [name, _] : fields) names.push_back(name);
    auto& d = diags_.error(Code::UnknownField, expect.state_field.span, fmt::format("`{}` is not a field of `{}`", field, record));
    d.help = did_you_mean(field, names);
  }
  if (expect.value) types_.expect(*expect.value, ctx, want, fmt::format("`{}.{}`", record, field));
}

}  // namespace writ::lang::detail
