#pragma once
// The Plan: a checked policy set compiled into what the runtime executes, with no AST in
// it. For every event type it lists, in evaluation order (LANGUAGE.md, "Order of
// evaluation"), the constructs that apply and where each one's results land in the result
// bitset and value slots of three routines:
//   screen  suppress conditions, correlation keys              (before the incident is known)
//   admit   freeze exceptions, permits, guard clauses, reasons (a denial rejects the event)
//   apply   classify rows, rules (with their `set`s applied in place), then the conditions
//           and values of the SLA, ladder, obligation, freeze and measure clauses the event
//           triggers, and the fields of the events rules emit
// Timer-driven blocks (timer rules, SLA warnings/breach/met, ladder levels, obligation
// violations) and the conditions that read `started.` have routines of their own, which the
// runtime runs when the timer fires or while an instance is running.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "compiler/record_layout.hpp"
#include "compiler/routine.hpp"
#include "compiler/string_table.hpp"
#include "stdlib/business_calendar.hpp"

namespace writ::compiler {

// Where a construct or clause is written, for audit records and `explain`.
struct SourceRef {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::string text() const;  // "file:line:col"
};

// How to print a value read from a slot or a record word.
struct ValueType {
  enum class Kind { Bool, Int, String, Duration, Time, Set, Enum };
  Kind kind = Kind::Int;
  std::vector<std::string> enum_values;  // Enum: names in declaration order
};

// A value a routine computed: its first slot and its type (a set takes two slots).
struct SlotRef {
  std::uint32_t slot = 0;
  ValueType type;
  // Computed from a `@sensitive` field (it reads one, or is one): the audit trail keeps it
  // as a salted digest beside the value (docs/audit.md, "Sensitive values").
  bool sensitive = false;
};

// A message with `{expr}` holes: literal text and computed values, in order.
struct MessagePlan {
  std::vector<std::variant<std::string, SlotRef>> parts;
  // Some hole is sensitive: the whole rendered text is.
  bool sensitive() const;
};

// A record field a construct's condition read, and where its routine copied the value the
// condition saw (the routine copies it just before the condition, so a rule's record shows
// the state as that rule saw it, after earlier rules' `set`s).
struct FieldRead {
  std::string name;  // as written: `event.severity`, `actor.role`, `state.tier`, `global.frozen`, `started.vendor`
  SlotRef value;     // sensitive when the field is `@sensitive`
  // An optional field: the slot holding 1 when it was present; absent, the value reads `null`.
  std::optional<std::uint32_t> present_slot;
};
// The fields read by one construct's conditions in one routine: sorted by name, each once;
// empty unless the Plan was built with PlanOptions::record_reads (plan_builder.hpp).
using FieldReads = std::vector<FieldRead>;

// Which routine of the Plan, and the bit in it; a condition that is absent is `always`.
struct BitRef {
  std::int32_t routine = -1;
  std::uint32_t bit = 0;
  bool always() const { return routine < 0; }
};

struct ActionPlan {
  enum class Kind { Set, Notify, Emit, Escalate, Stop, OpenTicket, Audit, Close };
  Kind kind = Kind::Audit;
  SourceRef where;
  std::string text;                // the action in canonical form, for audit and explain
  std::string target;              // Set: `state.f`/`global.f`; Emit: the type; Escalate/Stop: the construct
  std::int32_t target_index = -1;  // Escalate: a ladder; Stop: an SLA, ladder or obligation (see stop_kind)
  enum class StopKind { Sla, Ladder, Obligation } stop_kind = StopKind::Sla;
  std::optional<SlotRef> value;    // Set: the value stored; Notify: the recipient; OpenTicket: the kind
  MessagePlan message;             // Notify (may be empty), Audit
  // Emit: each field of the emitted type given, by its slot in the type's layout.
  struct EmitField {
    std::string name;
    const FieldSlot* field = nullptr;
    SlotRef value;
  };
  std::vector<EmitField> fields;
  std::optional<SlotRef> owner;  // OpenTicket
  std::optional<SlotRef> due;    // OpenTicket: a duration
};

// A block of actions computed by one routine: its values are in that routine's slots.
struct ActionsPlan {
  std::int32_t routine = -1;
  std::vector<ActionPlan> actions;
};

enum class ConstructKind {
  Suppress, Correlate, Freeze, Permit, Guard, Classify, Rule, TimerRule, Sla, Escalation, Obligation, Measure
};
const char* construct_kind_name(ConstructKind kind);

// What every construct carries for audit records and `explain`.
struct ConstructInfo {
  ConstructKind kind = ConstructKind::Rule;
  std::string name;  // the declared name; for unnamed constructs, the event type
  SourceRef where;
  std::string text;  // the construct in canonical form, expressions fully parenthesised
  std::vector<std::string> annotations;  // as written: `@owner("CMO")`
};

// ---- per event type --------------------------------------------------------------------

struct SuppressStep {
  std::uint32_t construct = 0;  // index into Plan::constructs
  std::uint32_t bit = 0;        // in `screen`
  FieldReads reads;             // in `screen`
};

struct CorrelateStep {
  std::uint32_t construct = 0;
  SlotRef key;  // in `screen`: a string id
  std::int64_t window_ms = 0;
  FieldReads reads;  // the key's fields, in `screen`
};

struct FreezeCheck {
  std::uint32_t freeze = 0;         // index into Plan::freezes
  std::optional<std::uint32_t> unless_bit;  // in `admit`; absent: no exception
  FieldReads reads;                         // the exception's fields, in `admit`
};

struct PermitStep {
  std::uint32_t construct = 0;
  std::uint32_t bit = 0;  // in `admit`
};

struct DenyStep {
  SourceRef where;
  std::string text;
  std::uint32_t bit = 0;  // in `admit`: the guard's `when` and this clause both hold
  MessagePlan reason;     // slots of `admit`
};

struct GuardStep {
  std::uint32_t construct = 0;
  std::vector<DenyStep> denies;
  FieldReads reads;  // of its `when` and its `deny when` clauses, in `admit`
};

struct ClassifyStep {
  std::uint32_t construct = 0;
  std::string field;  // the state field assigned
  struct Row {
    SourceRef where;
    std::string text;
    std::uint32_t bit = 0;  // in `apply`: this row matched (it is the first that held)
  };
  std::vector<Row> rows;
  SlotRef value;  // in `apply`: the value assigned by the matching row
  FieldReads reads;  // of the rows' conditions and values, in `apply`
};

struct RuleStep {
  std::uint32_t construct = 0;
  std::uint32_t bit = 0;  // in `apply`: the condition held (1 when there is none)
  ActionsPlan actions;    // routine = `apply`
  FieldReads reads;       // of the condition, in `apply`
};

// A clause of an SLA, ladder, obligation, freeze or measure that this event type triggers.
struct TriggerStep {
  enum class Kind {
    SlaStart, SlaStop, SlaPause, SlaResume,  // target: Plan::slas
    LadderStop,                              // target: Plan::ladders
    ObligationAfter, ObligationRequire,      // target: Plan::obligations
    FreezeAfter,                             // target: Plan::freezes
    MeasureFrom, MeasureTo,                  // target: Plan::measures
    TimerRuleArm,                            // target: Plan::timer_rules
  };
  Kind kind = Kind::SlaStart;
  std::uint32_t target = 0;
  SourceRef where;
  // The clause in canonical form, condition fully parenthesised: `start on alert.received
  // when event.severity <= 2`, `require bridge.opened where …`, `on 4h after alert.received`.
  std::string text;
  // The clause's condition on this event, in `apply`; absent: always.
  std::optional<std::uint32_t> bit;
  // A condition that reads `started.`: its own routine (bit 0), run by the runtime once per
  // running instance with `started` set to the instance's start event.
  std::int32_t started_routine = -1;
  // SlaStart: the target duration; ObligationAfter: the deadline (`within`) or interval
  // (`every`); FreezeAfter: the freeze's length; TimerRuleArm: the delay. In `apply`.
  std::optional<SlotRef> duration;
  std::string duration_text;  // the expression `duration` computes, normalized
  // Of the condition and the duration: in `started_routine` when there is one, else in `apply`.
  FieldReads reads;
};

struct EventPlan {
  std::string type;
  bool global = false;
  const RecordLayout* layout = nullptr;  // in Plan::layouts
  std::int32_t screen = -1;              // routines; -1 when the phase has nothing to do
  std::int32_t admit = -1;
  std::int32_t apply = -1;
  std::vector<SuppressStep> suppress;
  std::vector<CorrelateStep> correlate;
  std::vector<FreezeCheck> freezes;  // every freeze that blocks this type
  bool has_permits = false;          // default-deny: some permit names this type
  std::vector<PermitStep> permits;
  FieldReads permit_reads;           // of every permit's condition, in `admit`
  std::vector<GuardStep> guards;
  std::vector<ClassifyStep> classify;
  std::vector<RuleStep> rules;
  std::vector<TriggerStep> triggers;  // in declaration order of their constructs
};

// ---- constructs with clocks -------------------------------------------------------------

struct TimerRulePlan {
  std::uint32_t construct = 0;
  std::string armed_by;  // the event type; its TimerRuleArm trigger computes the delay
  // Run when the timer fires, with `event` = the arming event: bit 0 = the condition.
  ActionsPlan fire;
  FieldReads reads;  // of the condition, in `fire.routine`
};

struct SlaPlan {
  std::uint32_t construct = 0;
  std::int32_t calendar = -1;  // index into Plan::calendars; -1: wall-clock time
  struct Warn {
    std::int32_t percent = 0;
    ActionsPlan actions;
  };
  std::vector<Warn> warns;  // ascending by percentage
  std::optional<ActionsPlan> breach;
  std::optional<ActionsPlan> met;
};

struct LadderPlan {
  std::uint32_t construct = 0;
  // Evaluated when the ladder starts: slot i = the delay before level i (0 for the first
  // level when it has none), then the repeat delay when there is one.
  std::int32_t delays_routine = -1;
  struct Level {
    std::int64_t number = 0;
    SourceRef where;
    SlotRef delay;
    std::string delay_text;  // normalized; empty for a level without `after`
    ActionsPlan actions;
  };
  std::vector<Level> levels;
  std::int64_t repeat_count = 0;
  std::optional<SlotRef> repeat_delay;
  std::string repeat_delay_text;
};

struct ObligationPlan {
  std::uint32_t construct = 0;
  std::string required_type;
  // `while` obligations: bit 0 of this routine is the condition; slot 0 the interval
  // (`every`) or deadline (`within`). Run after every event and timer of the incident (or,
  // engine-wide, of the engine).
  std::int32_t while_routine = -1;
  FieldReads while_reads;  // of the `while` condition, in `while_routine`
  bool recurring = false;  // `every D` rather than `within D`
  // One instance for the engine: armed by a global event (`after`), or a `while` whose
  // condition and interval read no state, which the runtime runs after every event and timer.
  bool engine_wide = false;
  std::optional<ActionsPlan> violation;
};

struct FreezePlan {
  std::uint32_t construct = 0;
  // Absolute windows are constants; relative ones start at a FreezeAfter trigger.
  std::optional<std::int64_t> from_ms;
  std::optional<std::int64_t> to_ms;
  std::vector<std::string> blocks;  // event types
};

struct MeasurePlan {
  std::uint32_t construct = 0;
  std::string from_type;
  std::string to_type;
  std::int32_t calendar = -1;
  std::optional<std::int64_t> target_ms;
};

struct CalendarPlan {
  std::string name;
  SourceRef where;
  stdlib::CalendarSpec spec;
  stdlib::BusinessCalendar calendar;  // built from `spec` at compile time
};

struct Plan {
  ProgramLayouts layouts;
  StringTable strings;  // literal ids are fixed at compile time; evaluation may add more
  std::vector<ir::Routine> routines;
  std::vector<ConstructInfo> constructs;
  std::map<std::string, EventPlan> events;  // by event type
  std::vector<TimerRulePlan> timer_rules;
  std::vector<SlaPlan> slas;
  std::vector<LadderPlan> ladders;
  std::vector<ObligationPlan> obligations;
  std::vector<FreezePlan> freezes;
  std::vector<MeasurePlan> measures;
  std::vector<CalendarPlan> calendars;
  // Initial values of the state and global fields, as words (sets as ids).
  struct InitialValue {
    const FieldSlot* field = nullptr;
    std::int64_t scalar = 0;
    std::vector<StringId> set;
  };
  std::vector<InitialValue> state_initial;
  std::vector<InitialValue> global_initial;

  const EventPlan* event(const std::string& type) const;
};

// How values of a record field print (enums by the names the layout keeps).
ValueType value_type_of(const FieldSlot& field);

}  // namespace writ::compiler
