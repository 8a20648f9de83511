#pragma once
// The Engine: a compiled policy applied to a stream of incident events, in the order of
// LANGUAGE.md ("Order of evaluation"), every decision handed to a sink. One thread per
// instance; instances may share a Plan (each copies its string table and owns its records).
// Time is what the caller says it is: replay advances the clock to each event's time
// (virtual clock); live mode advances it with the wall clock.
#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compiler/plan.hpp"
#include "compiler/routine.hpp"
#include "compiler/set_arena.hpp"
#include "runtime/business_time.hpp"
#include "runtime/correlation.hpp"
#include "runtime/decision.hpp"
#include "runtime/decoded_event.hpp"
#include "runtime/dedup.hpp"
#include "runtime/engine_state.hpp"
#include "runtime/incident.hpp"
#include "runtime/incident_table.hpp"
#include "runtime/state_tracker.hpp"
#include "runtime/timer_queue.hpp"

namespace writ::runtime {

// An event ready for the engine: decoded and validated against its schema. Nothing in it
// is a copy: its type views the Plan's, its incident and id are in the engine's strings().
struct InputEvent {
  const compiler::EventPlan* plan = nullptr;  // its type's; null for a type the Plan lacks
  std::string_view type;
  std::int64_t at = 0;
  compiler::StringId incident = 0;  // 0 (the empty string) for global event types
  compiler::StringId id = 0;        // 0 when the event has none
  compiler::Record record;
};

struct EngineOptions {
  // Emitted events processed for one input event (emits of emits included) before the
  // engine stops the chain with a `limit` decision.
  std::size_t max_emitted_per_event = 1000;
  // Give decisions the fields their constructs' conditions read, and input events their
  // fields (Decision::reads), for an audit trail; off, decisions carry none.
  bool record_reads = true;
};

class Engine {
 public:
  using Sink = std::function<void(const Decision&)>;

  // `plan` and `routines` must outlive the engine; the routines evaluate `plan.routines`.
  Engine(const compiler::Plan& plan, compiler::RoutineEvaluator& routines, std::string policy_hash, Sink sink,
         EngineOptions options = {});
  ~Engine();

  // Applies one event at its time: timers due first, then the event. An event older than
  // the clock or with an `id` seen before is rejected with a reason.
  void submit(InputEvent event);
  // A line the decoder accepted (runtime/event_decoder.hpp, over this engine's strings()).
  void submit(DecodedEvent event);
  // Records an input line that could not be decoded, at `at` (the line's own time when it
  // could be read, else the clock) but never before the clock. Moves no clock.
  void reject(std::int64_t at, const std::string& reason, std::string_view type = "");
  // Fires every timer due at or before `t` and moves the clock there.
  void advance_to(std::int64_t t);
  // What submit() would decide about `event` up to admission, without applying it
  // (docs/embedding.md, "Asking before acting"): the clock, seen-id and closed-incident
  // rejections, then the freezes, permits and guards, read at the event's `at` over the
  // state as it is now; no timer fires, suppress and correlate are not run. `strings` is a
  // copy of strings() that `event` was decoded over; what evaluation interns goes there, so
  // the engine's own table, and every later id, stay as they were. Nothing else changes:
  // no decision reaches the sink and no seq is used. Empty: the event would be admitted.
  std::vector<Decision> admission(DecodedEvent event, compiler::StringTable& strings);

  std::int64_t clock() const { return clock_; }
  std::optional<std::int64_t> next_timer() const { return timers_.next_due(); }
  const Incident* incident(const std::string& id) const;
  const compiler::Record& global() const { return global_; }
  compiler::StringTable& strings() { return strings_; }
  const compiler::StringTable& strings() const { return strings_; }
  const compiler::Plan& plan() const { return plan_; }
  const std::string& policy_hash() const { return hash_; }
  // The memory the incidents' blocks take (IncidentPool::used_bytes): not in malloc's figures.
  std::size_t incident_bytes() const { return pool_.used_bytes(); }
  std::size_t incident_count() const { return incidents_.size(); }

  // engine_prefetch.cpp: for a caller reading events ahead (runtime/line_lookahead.hpp),
  // starts loading what an event of the incident `id` touches first, changing nothing. At
  // 100,000 open incidents each is a cache miss an event would otherwise wait for in turn:
  // the incident table's slot, then (once the slot is in the cache) the incident's block.
  void prefetch_slot(compiler::StringId id) const { incidents_.prefetch(id); }
  void prefetch_incident(compiler::StringId id) const;

  // engine_snapshot.cpp: everything the engine carries from one event to the next, as
  // deterministic versioned bytes, for the audit trail's checkpoints (docs/audit.md, "The
  // checkpoint's state"). Taken between events. The whole state, the same bytes for the
  // same state whatever came before:
  EngineState state() const;
  // What a checkpoint writes: what changed since the last call or the restore (the whole
  // state, EngineState::whole, at the first call on an engine that was not restored).
  EngineState state_changes();
  // Puts a checkpoint's state (its engine-wide part and all its rows) into this engine,
  // which must not have applied anything yet; the reason it cannot (a damaged or foreign
  // state), or nullopt. After a refusal the engine holds part of the state and is not to
  // be used.
  std::optional<std::string> restore(std::string_view engine, const std::vector<StateRow>& rows);

 private:
  struct Routine;  // a routine's result buffers

  // engine.cpp: the pipeline for one event
  void process(InputEvent& event, bool emitted);
  // Processes the events actions emitted, breadth first, up to the per-event limit.
  void drain_emitted();
  bool screen(InputEvent& event, const compiler::EventPlan& ep);
  bool admit(InputEvent& event, const compiler::EventPlan& ep, Incident* incident);
  std::vector<Decision> denials(const InputEvent& event, const compiler::EventPlan& ep, Incident* incident,
                                std::int64_t now, compiler::StringTable& strings);
  void apply(InputEvent& event, const compiler::EventPlan& ep, Incident* incident);
  // The `while` obligations of the event's incident and the engine-wide ones.
  void after_event(Incident* incident);
  Incident& open_incident(compiler::StringId id, std::int64_t at);
  Incident* find_incident(compiler::StringId id) const;
  Incident* find_incident(std::string_view id) const;
  // Whether the incident `id` was closed, held still or evicted: a flag, so the check reads
  // no incident. `id` may come from a query's copy of strings() (admission()), which hands
  // out ids past ours for texts we never saw.
  bool closed(compiler::StringId id) const { return id < closed_.size() && closed_[id]; }
  void mark_closed(compiler::StringId id);
  const compiler::EventPlan* event_plan(std::string_view type) const;
  void evict_closed();
  const std::int64_t* run(std::int32_t routine, const compiler::EvalContext& ctx);
  bool bit(std::int32_t routine, std::uint32_t bit) const;
  const std::int64_t* slots(std::int32_t routine) const;
  compiler::EvalContext context(const compiler::Record* event, Incident* incident, const compiler::Record* started);
  void adopt(Incident* incident);
  Decision decision(const char* kind, const std::string& incident, std::optional<std::uint32_t> construct) const;
  // The `file:line:col` of a construct or clause, formatted on first use: decisions view it.
  std::string_view where_text(const compiler::SourceRef& where) const;
  // Takes the decision by reference: a Decision is some 300 bytes of strings and vectors,
  // and moving one per decision was 3 % of the engine's instructions.
  void emit(Decision&& d);
  // engine_reads.cpp: the fields a construct's conditions read, into its decision's record
  void add_reads(Decision& d, const compiler::FieldReads& reads, std::int32_t routine) const {
    add_reads(d, reads, routine, strings_);
  }
  // With the string table the routine interned into (a query's copy, in denials()).
  void add_reads(Decision& d, const compiler::FieldReads& reads, std::int32_t routine,
                 const compiler::StringTable& strings) const;
  // For a clause whose decision is made further down (an SLA's start, an obligation met):
  // the next decision of a construct emitted gets these reads, and the stage is cleared.
  void stage_reads(const compiler::FieldReads& reads, std::int32_t routine);
  void unstage_reads() { staged_reads_ = nullptr; }
  // The event's own fields (actor and schema fields; not those the record has already).
  void add_event_fields(Decision& d, const InputEvent& event) const;
  void restore_state(std::string_view engine, const std::vector<StateRow>& rows);  // throws StateDecodeError
  EngineState collect(bool whole) const;

  // engine_actions.cpp
  void deliver(const compiler::ActionsPlan& actions, const std::int64_t* slots, Incident* incident,
               std::optional<std::uint32_t> construct);
  void deliver(const compiler::ActionPlan& a, const std::int64_t* slots, Incident* incident,
               std::optional<std::uint32_t> construct);
  void emit_event(const compiler::ActionPlan& a, const std::int64_t* slots, Incident* incident);
  // Runs a timer-driven block's routine, then delivers its actions.
  void run_actions(const compiler::ActionsPlan& actions, Incident* incident, const compiler::Record* event,
                   const compiler::Record* started, std::uint32_t construct);

  // engine_clocks.cpp: constructs with clocks
  void triggers(InputEvent& event, const compiler::EventPlan& ep, Incident* incident);
  // A clause that arms an instance (`start`, `after`, a measure's `from`, a timer rule) in
  // `owner`: the event's incident, or the engine-wide instances for a global event.
  void arm(const compiler::TriggerStep& t, std::int64_t duration, InputEvent& event, const compiler::EventPlan& ep,
           Incident* incident, Incident& owner);
  // A clause that acts on a running instance (`stop`, `pause`, `resume`, `require`, a
  // measure's `to`) in `instance`, one of those the event can see.
  void act(const compiler::TriggerStep& t, InputEvent& event, const compiler::EventPlan& ep, Incident* incident,
           Incident& instance);
  // The instances an event reaches: the engine-wide ones, then its incident's, or, for a
  // global event, every open incident's, in incident id order. Valid until the next call.
  const std::vector<Incident*>& visible(Incident* incident);
  // `incident` is the event's (null for a global event): whose state the condition reads.
  bool trigger_holds(const compiler::TriggerStep& t, std::int32_t apply, InputEvent& event, Incident* incident,
                     const std::optional<compiler::Record>& started);
  void sla_start(std::uint32_t sla, Incident& incident, const InputEvent& event, std::int64_t target);
  void sla_stop(std::uint32_t sla, Incident& incident, bool met);
  void sla_pause(std::uint32_t sla, Incident& incident);
  void sla_resume(std::uint32_t sla, Incident& incident);
  void sla_schedule(std::uint32_t sla, Incident& incident);
  void ladder_start(std::uint32_t ladder, Incident& incident);
  void ladder_stop(std::uint32_t ladder, Incident& incident, const char* why);
  void obligation_start(std::uint32_t obligation, Incident& incident, const InputEvent* event, std::int64_t interval);
  void obligation_met(std::uint32_t obligation, Incident& incident);
  void obligation_stop(std::uint32_t obligation, Incident& incident, const char* why);
  void while_obligations(Incident& incident);
  void freeze_start(std::uint32_t freeze, std::int64_t length, const std::string& incident);
  std::optional<std::int64_t> freeze_active(std::uint32_t freeze, std::int64_t now) const;  // its end, when active
  void measure(std::uint32_t measure, Incident& incident, bool to);
  void arm_timer_rule(std::uint32_t rule, Incident& incident, const InputEvent& event, std::int64_t delay);
  // `inc` is the timer's incident, or the engine-wide instances.
  void schedule(Timer timer, Incident& inc);
  void fire(const Timer& timer);
  void fire_sla(const Timer& timer, Incident& incident);
  void fire_ladder(const Timer& timer, Incident& incident);
  void fire_obligation(const Timer& timer, Incident& incident);
  void fire_timer_rule(const Timer& timer, Incident& incident);

  const compiler::Plan& plan_;
  compiler::RoutineEvaluator& routines_;
  std::string hash_;
  Sink sink_;
  EngineOptions options_;
  BusinessTime calendars_;
  compiler::StringTable strings_;
  compiler::SetArena arena_;
  std::vector<const stdlib::BusinessCalendar*> calendar_table_;  // what business_elapsed() reads
  std::vector<std::unique_ptr<Routine>> buffers_;  // per routine of the Plan
  IncidentShape shape_;  // the incidents' blocks: before the incidents, which keep it
  IncidentPool pool_{shape_.bytes()};  // where they live
  IncidentTable incidents_;
  std::unordered_map<std::string_view, const compiler::EventPlan*> event_plans_;  // by type
  compiler::Record global_;
  // The engine-wide instances (id ""): the SLAs, ladders, obligations, measures and timer
  // rules armed by global events or escalated from them, and `while` obligations whose
  // condition reads no state. Its state record keeps the initial values: an event with no
  // incident, or whose incident is not open yet, reads it. It is never written (the
  // checker forbids `state` wherever no incident is at hand: E0403, E0410).
  std::unique_ptr<Incident> engine_wide_;
  TimerQueue timers_{strings_};
  Correlation correlation_;
  std::vector<std::vector<std::pair<std::int64_t, std::int64_t>>> freeze_windows_;  // relative, per freeze
  SeenIds seen_ids_;
  // Closed incidents, evicted or not, by id: they take no more events. A flag per string
  // id, so the check on an incident's first event is an index, not a search among texts.
  std::vector<bool> closed_;
  // Closed incidents whose last pending timer has popped: evict_closed() looks at these
  // only, so its cost does not grow with the incidents still waiting on timers.
  std::vector<compiler::StringId> evictable_;
  std::deque<InputEvent> pending_;              // emitted events, breadth first
  // Set arrays that state and global fields held before a routine assigned them: a
  // condition's read of the old value points there until the step's arena is cleared.
  std::vector<std::vector<compiler::StringId>> replaced_sets_;
  const compiler::FieldReads* staged_reads_ = nullptr;
  std::int32_t staged_routine_ = -1;
  std::vector<Incident*> reached_;              // what visible() returns, kept to spare allocations
  // where_text()'s texts, by the Plan's SourceRef. Filled while deciding, hence mutable:
  // formatting a location for every decision cost more than the decision's own work.
  mutable std::unordered_map<const compiler::SourceRef*, std::string> where_texts_;
  std::vector<std::vector<std::string>> level_outcomes_;  // "level N", per ladder and level
  std::int64_t clock_ = std::numeric_limits<std::int64_t>::min();
  std::int64_t seq_ = 0;
  StateTracker tracker_;  // what changed since the last checkpoint's state
};

}  // namespace writ::runtime
