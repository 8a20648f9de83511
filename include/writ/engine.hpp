#pragma once
// An engine applying a compiled Policy to events: decisions go to the callbacks given to
// on_decision(), in order, as they are made. Use one engine from one thread at a time;
// engines on several threads may share one Policy.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "writ/decision.hpp"
#include "writ/event.hpp"
#include "writ/policy.hpp"
#include "writ/time.hpp"

namespace writ {

// Virtual: time comes from the events and advance_to(), as in `writ replay`; an event older
// than the clock is rejected. Wall: as in `writ run`, an event is applied at the wall clock
// when it is submitted (its `at` stays readable as `event.at`); call advance_to(now) to
// fire timers between events.
enum class Clock { Virtual, Wall };

struct EngineOptions {
  Clock clock = Clock::Virtual;
  // An audit trail to write (docs/audit.md): a new SQLite file, refused when it exists
  // unless audit_resume. "": none. Each submitted event is one input position of its
  // checkpoints.
  std::string audit_path;
  std::int64_t audit_batch = 1000;  // events per audit commit
  // Emitted events processed for one input event before the chain is stopped with a
  // `limit` decision.
  std::size_t max_emitted_per_event = 1000;
  // The salt of a new trail's digests of `@sensitive` values: 64 lower-case hex digits, so
  // that the same policy and events give the same trail byte for byte (docs/audit.md,
  // "Reproducible trails"). "": 32 random bytes, the default a production trail wants.
  std::string audit_salt;
  // Continue the existing trail at audit_path after a crash or kill, instead of making a
  // new one (docs/embedding.md, "Resuming a trail"): the engine starts from the state of the
  // trail's last checkpoint and appends to its chain; position() tells which event comes
  // next. The trail keeps its own salt (audit_salt must be "").
  bool audit_resume = false;
};

// The answer to would_allow(): whether submit() would admit the event now, and if not, the
// decisions it would make instead (`rejected`, `blocked`, `denied`, every reason), with
// seq 0. Only admission is answered: what the event would then do is not.
struct Admission {
  bool allowed = false;
  std::vector<Decision> refusals;
};

class Engine {
 public:
  // Throws writ::Error when the audit trail cannot be created, or cannot be resumed (another
  // policy's or another writer's trail, a broken chain, a damaged checkpoint).
  explicit Engine(Policy policy, EngineOptions options = {});
  // Commits the audit trail's open batch.
  ~Engine();
  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Every decision from now on goes to `callback` too, after those registered before it.
  void on_decision(std::function<void(const Decision&)> callback);

  // One event as a JSON line: applied, or rejected with a reason (a `rejected` decision).
  // Throws writ::Error when the audit trail fails.
  void submit(std::string_view json_line);
  void submit(const Event& event);
  // Fires every timer due at or before `t` and moves the clock there (never back).
  void advance_to(Time t);
  // Commits the audit trail's open batch now.
  void commit();

  Time clock() const;                     // the epoch before the first event
  std::optional<Time> next_timer() const;  // when the next timer falls due
  // Events submitted, counting those a resumed trail had committed: the input position of
  // the trail's checkpoints. Right after a resume it is the number of events the trail
  // holds; the application submits again from event position() + 1 of its stream.
  std::int64_t position() const;

  // "Is this change allowed now?" What submit() would decide about the event up to its
  // admission: its rejections (bad line, older than the clock, seen id, closed incident),
  // then every freeze, permit and guard, read at the event's `at` (the wall clock under
  // Clock::Wall) over the state as it is now. Timers due before `at` are not fired: call
  // advance_to() first to have them count. Suppress and correlate are not run, so the
  // event is judged in its own incident. Nothing changes: no callback, no seq, no audit
  // record, no timer; the same question gets the same answer.
  Admission would_allow(std::string_view json_line);
  Admission would_allow(const Event& event);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace writ
