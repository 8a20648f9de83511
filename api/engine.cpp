// writ::Engine: the runtime's Engine with its decoder, its callbacks and its audit trail,
// doing for one embedding application what `writ replay` and `writ run` do for a stream.
#include "writ/engine.hpp"

#include <fmt/format.h>

#include "api/decision_convert.hpp"
#include "api/policy_data.hpp"
#include "runtime/audit_resume.hpp"
#include "runtime/audit_store.hpp"
#include "runtime/audit_writer.hpp"
#include "runtime/engine.hpp"
#include "runtime/event_decoder.hpp"
#include "writ/error.hpp"

namespace writ {

namespace {

std::int64_t wall_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// The checkpoints of an embedded engine's trail count the events submitted to it.
constexpr const char* kInputSource = "embedded";

std::unique_ptr<runtime::AuditStore> open_trail(const EngineOptions& o, const detail::PolicyData& data) {
  if (!data.audit) {
    throw Error(fmt::format("{}: the policy was compiled with CompileOptions::audit = false, so it cannot write an audit "
                            "trail: compile it with audit = true",
                            o.audit_path));
  }
  if (o.audit_resume && !o.audit_salt.empty()) {
    throw Error(fmt::format("{}: audit_salt is for a new trail: a resumed trail keeps its salt", o.audit_path));
  }
  auto mode = o.audit_resume ? runtime::AuditOpenMode::Append : runtime::AuditOpenMode::Create;
  auto store = runtime::AuditStore::open(o.audit_path, runtime::AuditOpenOptions{mode, {}}, o.audit_salt);
  if (!store.ok()) throw Error(fmt::format("{}: {}", o.audit_path, store.error().message));
  return std::move(store.value());
}

}  // namespace

struct Engine::Impl {
  Impl(Policy p, const EngineOptions& o)
      : policy(std::move(p)),
        data(detail::PolicyAccess::data(policy)),
        options(o),
        store(o.audit_path.empty() ? nullptr : open_trail(o, data)),
        engine(*data.compiled->plan, *data.compiled->routines, data.compiled->hash,
               [this](const runtime::Decision& d) { sink(d); },
               runtime::EngineOptions{.max_emitted_per_event = o.max_emitted_per_event, .record_reads = store != nullptr}),
        decoder(data.compiled->plan->layouts, engine.strings()) {
    if (options.audit_batch < 1) throw Error("audit_batch expects a positive number of events");
    if (options.audit_resume && !store) throw Error("audit_resume needs audit_path, the trail to continue");
    if (!store) return;
    if (options.audit_resume) resume();
    auto state = [this] { return engine.state_changes(); };
    writer.emplace(*store, data.compiled->hash, runtime::AuditWriterOptions{kInputSource, options.audit_batch, state});
  }

  void resume() {
    auto point = runtime::resume_point(*store, data.compiled->hash, kInputSource);
    if (auto* failure = std::get_if<runtime::ResumeFailure>(&point)) {
      throw Error(fmt::format("{}: cannot resume: {}", options.audit_path, failure->message));
    }
    const auto& checkpoint = std::get<runtime::AuditCheckpoint>(point);
    if (auto refused = runtime::restore_engine(engine, *store, checkpoint)) {
      throw Error(fmt::format("{}: cannot resume: {}", options.audit_path, *refused));
    }
    events = checkpoint.input_offset;
  }

  void sink(const runtime::Decision& d) {
    if (writer) writer->record(d);
    if (callbacks.empty()) return;
    Decision out = detail::to_public(d, data.compiled->hash);
    for (const auto& callback : callbacks) callback(out);
  }

  // The wall clock moves the engine before each event, and the event is applied then.
  void submit(std::string_view line) {
    ++events;
    if (options.clock == Clock::Wall) engine.advance_to(wall_ms());
    auto decoded = decoder.decode(line);
    if (auto* rejection = std::get_if<runtime::Rejection>(&decoded)) {
      // On the virtual clock a line's own `at` is its time, as for an applied event.
      std::int64_t own = options.clock == Clock::Virtual ? rejection->at.value_or(engine.clock()) : engine.clock();
      engine.reject(own, rejection->message, rejection->type);
    } else {
      auto& event = std::get<runtime::DecodedEvent>(decoded);
      if (options.clock == Clock::Wall) event.at = engine.clock();
      engine.submit(std::move(event));
    }
    // An embedder counts on a batch being stored once the submit that ends it returns.
    if (writer && writer->line_consumed(events, engine.clock())) writer->flush();
    check_trail();
  }

  // The query decodes over a copy of the engine's strings, so the ids of later strings do
  // not depend on what was asked (runtime::Engine::admission).
  Admission would_allow(std::string_view line) {
    compiler::StringTable strings(engine.strings());
    runtime::EventDecoder query_decoder(data.compiled->plan->layouts, strings);
    auto decoded = query_decoder.decode(line);
    std::vector<runtime::Decision> refusals;
    if (auto* rejection = std::get_if<runtime::Rejection>(&decoded)) {
      runtime::Decision d;
      d.at = std::max(rejection->at.value_or(engine.clock()), engine.clock());
      d.kind = "rejected";
      d.outcome = "rejected";
      d.target = rejection->type;
      d.reason = rejection->message;
      refusals.push_back(std::move(d));
    } else {
      auto& event = std::get<runtime::DecodedEvent>(decoded);
      if (options.clock == Clock::Wall) event.at = std::max(engine.clock(), wall_ms());
      refusals = engine.admission(std::move(event), strings);
    }
    Admission out{refusals.empty(), {}};
    for (const auto& d : refusals) out.refusals.push_back(detail::to_public(d, data.compiled->hash));
    return out;
  }

  void check_trail() const {
    if (writer && writer->error()) throw Error(fmt::format("{}: {}", options.audit_path, writer->error()->message));
  }

  Policy policy;
  const detail::PolicyData& data;
  EngineOptions options;
  std::unique_ptr<runtime::AuditStore> store;
  std::optional<runtime::AuditWriter> writer;
  runtime::Engine engine;
  runtime::EventDecoder decoder;
  std::vector<std::function<void(const Decision&)>> callbacks;
  std::int64_t events = 0;  // submitted over the trail's life: the input position of its checkpoints
};

Engine::Engine(Policy policy, EngineOptions options) : impl_(std::make_unique<Impl>(std::move(policy), options)) {}

Engine::~Engine() {
  // A destructor cannot report a failed commit; commit() first to see it.
  if (impl_ && impl_->writer) impl_->writer->commit(impl_->events, impl_->engine.clock());
}

Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;

void Engine::on_decision(std::function<void(const Decision&)> callback) { impl_->callbacks.push_back(std::move(callback)); }

void Engine::submit(std::string_view json_line) { impl_->submit(json_line); }
void Engine::submit(const Event& event) { impl_->submit(event.json()); }

void Engine::advance_to(Time t) {
  impl_->engine.advance_to(t.time_since_epoch().count());
  if (impl_->writer) impl_->writer->commit_open(impl_->events, impl_->engine.clock());
  impl_->check_trail();
}

void Engine::commit() {
  if (!impl_->writer) return;
  impl_->writer->commit(impl_->events, impl_->engine.clock());
  impl_->check_trail();
}

Time Engine::clock() const {
  std::int64_t ms = impl_->engine.clock();
  return Time(Duration(ms == std::numeric_limits<std::int64_t>::min() ? 0 : ms));
}

std::optional<Time> Engine::next_timer() const {
  auto next = impl_->engine.next_timer();
  if (!next) return std::nullopt;
  return Time(Duration(*next));
}

std::int64_t Engine::position() const { return impl_->events; }

Admission Engine::would_allow(std::string_view json_line) { return impl_->would_allow(json_line); }
Admission Engine::would_allow(const Event& event) { return impl_->would_allow(event.json()); }

}  // namespace writ
