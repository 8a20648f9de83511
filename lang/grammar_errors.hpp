#pragma once
// What a syntax error says, per grammar rule: when a `must<Rule>` fails, the message of
// `Rule` is reported at the position where the text stops making sense. Messages speak to
// governance authors: what was expected there, in the language's own words.
#include <tao/pegtl.hpp>
#include <tao/pegtl/must_if.hpp>

#include "lang/grammar.hpp"

namespace writ::lang::grammar {

template <typename Rule>
inline constexpr const char* error_message = nullptr;

// `if_must` wraps every rule after its condition in `must`, including the optional and
// repeated parts, which cannot fail; they still need an entry, never shown.
template <typename... Rules>
inline constexpr const char* error_message<tao::pegtl::opt<Rules...>> = "";
template <typename... Rules>
inline constexpr const char* error_message<tao::pegtl::star<Rules...>> = "";
template <typename... Rules>
inline constexpr const char* error_message<tao::pegtl::opt_must<Rules...>> = "";

#define WRIT_ERROR(rule, text) \
  template <>                  \
  inline constexpr const char* error_message<rule> = text

// ---- tokens and keywords expected after a committing token
WRIT_ERROR(open_brace, "expected `{`");
WRIT_ERROR(close_paren, "expected `)`");
WRIT_ERROR(colon, "expected `:`");
WRIT_ERROR(equals, "expected `=`");
WRIT_ERROR(thin_arrow, "expected `->`");
WRIT_ERROR(range_dots, "expected `..` between the first and the last of a range");
WRIT_ERROR(kw_on, "expected `on` and an event type");
WRIT_ERROR(kw_when, "expected `when` and a condition");
WRIT_ERROR(kw_because, "expected `because` and the reason for the denial, as a string");
WRIT_ERROR(kw_by, "expected `by` and the expression that groups the events");
WRIT_ERROR(kw_within, "expected `within` and a duration");
WRIT_ERROR(kw_at, "expected `at` and the percentages of the SLA at which to warn, like `warn at 50%, 80%`");
WRIT_ERROR(kw_ticket, "expected `ticket` after `open`, as in `open ticket \"kind\"`");
WRIT_ERROR(kw_notify, "expected `notify` after `no`");
WRIT_ERROR(kw_after, "expected `after` and how long to wait");
WRIT_ERROR(kw_for, "expected `for` and how long the freeze lasts");
WRIT_ERROR(kw_from, "expected `from` and the event that starts the measurement");
WRIT_ERROR(kw_to, "expected `to` and where the range ends");
WRIT_ERROR(kw_then, "expected `then` after the condition of `if`");
WRIT_ERROR(kw_else, "expected `else`: an `if` expression needs both branches");

// ---- names and literals
WRIT_ERROR(name, "expected a name: lower-case letters, digits and `_`, and not a keyword");
WRIT_ERROR(enum_word, "expected a name: letters, digits and `_`, and not a keyword");
WRIT_ERROR(field_name, "expected a field name: lower-case letters, digits and `_`");
WRIT_ERROR(event_type, "expected an event type, like `alert.received`");
WRIT_ERROR(decl_ref, "expected the name of a declaration");
WRIT_ERROR(text_lit, "expected a string in double quotes");
WRIT_ERROR(message_lit, "expected a message in double quotes");
WRIT_ERROR(int_lit, "expected a whole number");
WRIT_ERROR(duration_lit, "expected a duration, like `16m`");
WRIT_ERROR(time_lit, "expected a time in RFC 3339 form, like `2026-12-20T00:00:00Z`");
WRIT_ERROR(time_of_day, "expected the time of day after `T`, like `T08:00:00Z` (seconds and a zone are required)");
WRIT_ERROR(date_lit, "expected a date, like `2026-12-25`");
WRIT_ERROR(clock_lit, "expected a clock time, like `08:00`");
WRIT_ERROR(percent_lit, "expected a percentage, like `80%`");
WRIT_ERROR(weekday, "expected a weekday: `mon`, `tue`, `wed`, `thu`, `fri`, `sat` or `sun`");
WRIT_ERROR(date_outside_calendar,
           "a date on its own is only written in a calendar; use a time, like `2026-12-25T00:00:00Z`");

// ---- expressions
WRIT_ERROR(expr, "expected an expression");
WRIT_ERROR(condition, "expected a condition");
WRIT_ERROR(value_expr, "expected a value");
WRIT_ERROR(duration_expr, "expected a duration, like `15m`");
WRIT_ERROR(and_expr, "expected an expression after `or`");
WRIT_ERROR(not_expr, "expected an expression after `and` or `not`");
WRIT_ERROR(add_expr, "expected an expression after the comparison");
WRIT_ERROR(mul_expr, "expected an expression after `+` or `-`");
WRIT_ERROR(neg_expr, "expected an expression after the operator");
WRIT_ERROR(unchained_comparison, "comparisons do not chain: write `a < b and b < c`");
WRIT_ERROR(set_close, "expected `,` or `}` in the set");
WRIT_ERROR(call_close, "expected `,` or `)` after the argument");
WRIT_ERROR(hole_end, "expected `}` after the expression in the message; write `\\{` for a literal brace");

// ---- annotations and types
WRIT_ERROR(annotation_name, "expected the annotation's name right after `@`, like `@owner`");
WRIT_ERROR(annotation_arg, "expected an annotation argument as a string");
WRIT_ERROR(field_type, "expected a type: `bool`, `int`, `string`, `duration`, `time`, `set<string>` or an enum name");
WRIT_ERROR(key_types, "expected the key type of the table, or several in parentheses: `(Impact, Urgency)`");
WRIT_ERROR(key_type_list, "expected the key types of the table");
WRIT_ERROR(key_type, "expected a key type");
WRIT_ERROR(value_type, "expected the value type of the table");
WRIT_ERROR(set_open_angle, "expected `<string>` after `set`");
WRIT_ERROR(set_element_type, "sets hold strings: write `set<string>`");
WRIT_ERROR(set_close_angle, "expected `>` to close `set<string>`");

// ---- actions
WRIT_ERROR(set_target, "expected the field to set, like `tier`, `state.tier` or `global.count`");
WRIT_ERROR(record_close, "expected `,` or `}` after the field's value");
WRIT_ERROR(block_close,
           "expected an action (`set`, `notify`, `emit`, `escalate`, `stop`, `open ticket`, `audit`, `close`) or `}`");
WRIT_ERROR(action_block, "expected `{` and the actions to run");
WRIT_ERROR(level_body, "expected the level's action, or `{` and several actions");
WRIT_ERROR(trigger, "expected an event type, like `alert.received`");

// ---- file header and declarations
WRIT_ERROR(top_item,
           "expected a declaration: `policy`, `import`, `enum`, `const`, `event`, `state`, `global`, `table`, "
           "`calendar`, `services`, `classify`, `rule`, `permit`, `guard`, `suppress`, `correlate`, `sla`, "
           "`escalation`, `obligation`, `freeze`, `measure` or `test`");
WRIT_ERROR(import_path, "expected the imported file as a string, like `\"stdlib/itil.writ\"`");
WRIT_ERROR(enum_values, "expected the enum's values, like `{ P1, P2, P3 }`");
WRIT_ERROR(enum_close, "expected `,` or `}` after the enum value");
WRIT_ERROR(event_close, "expected a field like `service: string`, or `}`");
WRIT_ERROR(state_close, "expected a field with its initial value, like `major: bool = false`, or `}`");
WRIT_ERROR(table_close, "expected a row `KEY => VALUE`, `otherwise => VALUE`, or `}`");
WRIT_ERROR(row_arrow, "expected `=>` after the row's key");
WRIT_ERROR(otherwise_arrow, "expected `=>` after `otherwise`");
WRIT_ERROR(classify_arrow, "expected `=>` after the classify condition");
WRIT_ERROR(classify_close, "expected `when CONDITION => VALUE`, `otherwise => VALUE`, or `}`");
WRIT_ERROR(calendar_close, "expected `zone`, `open`, `closed`, or `}`");
WRIT_ERROR(closed_days, "expected a date, like `2026-12-25`, or a range `2026-12-24..2026-12-31`");
WRIT_ERROR(closed_day, "expected a date, like `2026-12-25`, or a range `2026-12-24..2026-12-31`");
WRIT_ERROR(services_close, "expected a service as a string, like `\"payments\" -> \"db-main\"`, or `}`");
WRIT_ERROR(service_deps, "expected the services it depends on, as strings separated by `,`");
WRIT_ERROR(rule_trigger, "expected an event type, or a delay and `after` with an event type, like `4h after alert.received`");
WRIT_ERROR(guard_close, "expected `deny when CONDITION because \"reason\"`, or `}`");
WRIT_ERROR(sla_close,
           "expected an SLA clause (`start on`, `stop on`, `pause on`, `resume on`, `warn at`, `breach`, `met`), or `}`");
WRIT_ERROR(warn_percents, "expected a percentage, like `80%`");
WRIT_ERROR(escalation_close, "expected `level N: ACTION`, `stop on EVENT`, `repeat N after DURATION`, or `}`");
WRIT_ERROR(obligation_close, "expected `after`, `while`, `require`, `violation`, or `}`");
WRIT_ERROR(require_window, "expected `within DURATION` or `every DURATION` after the required event");
WRIT_ERROR(freeze_close, "expected `after EVENT ... for DURATION`, `from TIME to TIME`, `block EVENT`, or `}`");
WRIT_ERROR(blocked_types, "expected the event types the freeze blocks, like `change.requested`");

// ---- tests
WRIT_ERROR(test_close, "expected `at`, `expect`, or `}`");
WRIT_ERROR(step_time, "expected a time, like `2026-11-26T09:00:00Z`, or `+` and a duration, like `+16m`");
WRIT_ERROR(event_record, "expected `{` and the event's fields");
WRIT_ERROR(actor_record, "expected the actor as `{ id: \"...\", role: \"...\" }`");
WRIT_ERROR(expectation,
           "expected what to expect: `notify`, `denied`, `allowed`, `breach`, `warn`, `met`, `violation`, "
           "`blocked`, `ticket`, `suppressed`, `correlated`, `state.FIELD == VALUE`, `global.FIELD == VALUE`, "
           "`measure NAME == DURATION`, "
           "or `no` and one of "
           "`notify`, `breach`, `warn`, `met`, `violation`, `ticket`, `suppressed`, `correlated`");
WRIT_ERROR(negatable_expectation,
           "expected what must not happen after `no`: `notify`, `breach`, `warn`, `met`, `violation`, "
           "`ticket`, `suppressed` or `correlated`");
WRIT_ERROR(state_dot, "expected `.` and a field name after `state`");
WRIT_ERROR(global_dot, "expected `.` and a field name after `global`");
WRIT_ERROR(op_eq, "expected `==` and the expected value");

#undef WRIT_ERROR

// Plugged into `must_if`: a rule raises only through `must`, never merely because it failed
// (several rules with messages also appear as alternatives).
struct grammar_errors {
  template <typename Rule>
  static constexpr const char* message = error_message<Rule>;
  template <typename Rule>
  static constexpr bool raise_on_failure = false;
};

template <typename Rule>
using error_control = tao::pegtl::must_if<grammar_errors>::control<Rule>;

}  // namespace writ::lang::grammar
