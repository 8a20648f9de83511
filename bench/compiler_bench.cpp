// Compiler benchmark (issue 3): per-event evaluation cost of the JIT, the interpreter and a
// hand-written C++ baseline (bench/baseline) on a generated stream of events against the
// LANGUAGE.md policy, then compile time and resident memory of the compiled policy.
// Before timing anything it runs the three side by side over the whole stream and fails
// (exit 1) if the JIT and the interpreter disagree on any bit, slot or state word, or the
// baseline on any condition it computes.
// Usage: compiler_bench [--events N] [--runs R] [--compile-runs C] [--seed S] [--check-only] [POLICY...]
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <random>
#include <string>
#include <vector>

#include "bench/baseline/language_policy.hpp"
#include "compiler/compiled_policy.hpp"
#include "compiler/jit_routines.hpp"
#include "compiler/set_arena.hpp"
#include "lang/checker.hpp"
#include "lang/module_loader.hpp"

using namespace writ;
using compiler::EvalContext;
using compiler::Record;
using writ::bench::EventKind;
using writ::bench::kEventKinds;

namespace {

struct Options {
  std::size_t events = 1'000'000;
  int runs = 5;
  int compile_runs = 10;
  std::uint64_t seed = 20261127;
  bool check_only = false;
  std::vector<std::string> paths;
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Timings are the process's CPU time, not wall time: the machine's cores are shared, and
// wall time then counts other processes' turns. The benchmark runs on one thread.
double cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

double ms_since(double start) { return cpu_ms() - start; }

double current_rss_mib() {
  long pages = 0, resident = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

[[noreturn]] void fail(const std::string& message) {
  std::fprintf(stderr, "compiler_bench: %s\n", message.c_str());
  std::exit(1);
}

struct Loaded {
  lang::SourceManager sources;
  lang::Diagnostics diags;
  lang::Program program;
};

std::unique_ptr<Loaded> load(const std::vector<std::string>& paths) {
  auto loaded = std::make_unique<Loaded>();
  lang::LoadOptions options;
  options.stdlib_dir = std::string(WRIT_SOURCE_DIR) + "/stdlib";
  loaded->program = lang::load_program(paths, loaded->sources, loaded->diags, options);
  if (!loaded->diags.has_errors()) lang::check_program(loaded->program, loaded->diags);
  if (loaded->diags.has_errors()) fail("the policy does not check:\n" + lang::render_text(loaded->diags, loaded->sources));
  return loaded;
}

std::unique_ptr<compiler::CompiledPolicy> compile(const Loaded& loaded, compiler::EngineKind engine) {
  auto compiled = compiler::compile_policy(loaded.program, loaded.sources, engine);
  if (auto* errors = std::get_if<std::vector<compiler::CompileError>>(&compiled)) {
    fail("the policy does not compile: " + (errors->empty() ? std::string("?") : errors->front().message));
  }
  return std::move(std::get<std::unique_ptr<compiler::CompiledPolicy>>(compiled));
}

// ---- the event stream ---------------------------------------------------------------------

struct Item {
  EventKind kind;
  std::uint32_t incident;  // index into the state pool
  std::uint32_t offset;    // of the record's first word in Stream::words
  std::int64_t at;
};

struct Stream {
  std::vector<std::int64_t> words;  // every record's words, back to back
  std::vector<Item> items;
};

constexpr std::uint32_t kIncidents = 64;
constexpr std::int64_t kStreamStart = 1'793'955'600'000;  // 2026-11-06T09:00:00Z
constexpr std::int64_t kMinuteMs = 60'000;

// When each pooled incident opened: one a minute over the hour before the stream starts.
std::int64_t opened_at(std::uint32_t incident) { return kStreamStart - (kIncidents - incident) * kMinuteMs; }

class Generator {
 public:
  Generator(const compiler::Plan& plan, compiler::StringTable& strings, std::uint64_t seed)
      : plan_(plan), strings_(strings), rng_(seed) {}

  Stream generate(std::size_t count) {
    std::vector<Record> records;
    for (std::size_t k = 0; k < kEventKinds; ++k) records.emplace_back(layout(static_cast<EventKind>(k)));
    Stream stream;
    stream.items.reserve(count);
    std::int64_t at = kStreamStart;
    for (std::size_t i = 0; i < count; ++i) {
      EventKind kind = pick_kind();
      std::uint32_t incident = static_cast<std::uint32_t>(uniform(0, kIncidents - 1));
      at += uniform(0, 200);
      Record& r = records[static_cast<std::size_t>(kind)];
      fill(kind, r, incident, at);
      std::uint32_t words = layout(kind).word_count();
      stream.items.push_back({kind, incident, static_cast<std::uint32_t>(stream.words.size()), at});
      stream.words.insert(stream.words.end(), r.words(), r.words() + words);
    }
    return stream;
  }

 private:
  const compiler::RecordLayout& layout(EventKind kind) const {
    const compiler::RecordLayout* l = plan_.layouts.event(bench::event_kind_type(kind));
    if (!l) fail(std::string("the policy has no event type ") + bench::event_kind_type(kind));
    return *l;
  }

  std::int64_t uniform(std::int64_t lo, std::int64_t hi) { return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <std::size_t N>
  const char* one_of(const std::array<const char*, N>& values) { return values[static_cast<std::size_t>(uniform(0, N - 1))]; }
  std::int64_t id(const std::string& text) { return strings_.intern(text); }

  // Alerts and incident updates dominate a real stream; the rest are occasional.
  EventKind pick_kind() {
    std::int64_t roll = uniform(0, 99);
    if (roll < 35) return EventKind::AlertReceived;
    if (roll < 65) return EventKind::IncidentUpdated;
    if (roll < 77) return EventKind::StatusUpdated;
    if (roll < 87) return EventKind::SeverityChange;
    if (roll < 94) return EventKind::FailoverRequested;
    return EventKind::ChangeRequested;
  }

  void set(Record& r, EventKind kind, const char* field, std::int64_t value) {
    const compiler::FieldSlot* slot = layout(kind).find(field);
    if (!slot) fail(std::string("event type ") + bench::event_kind_type(kind) + " has no field " + field);
    r.set_scalar(*slot, value);
  }

  void fill(EventKind kind, Record& r, std::uint32_t incident, std::int64_t at) {
    static const std::array<const char*, 8> services{"payments", "auth", "core-banking", "search", "mail", "reporting",
                                                     "cdn", "billing"};
    static const std::array<const char*, 6> roles{"", "incident_commander", "triage_lead", "spokesperson", "engineer",
                                                  "cab_chair"};
    static const std::array<const char*, 4> impacts{"enterprise", "department", "team", "single-user"};
    static const std::array<const char*, 3> audiences{"internal", "customers", "public"};
    const char* type = bench::event_kind_type(kind);
    bool global = plan_.layouts.is_global(type);
    set(r, kind, "incident", global ? 0 : id(fmt::format("INC-{}", 4000 + incident)));
    set(r, kind, "at", at);
    set(r, kind, "type", id(type));
    set(r, kind, compiler::kActorIdField, id(fmt::format("user{}", uniform(1, 40))));
    set(r, kind, compiler::kActorRoleField, id(one_of(roles)));
    switch (kind) {
      case EventKind::AlertReceived:
        set(r, kind, "service", id(one_of(services)));
        set(r, kind, "severity", uniform(1, 5));
        set(r, kind, "source", id(chance(0.5) ? "prometheus" : "datadog"));
        break;
      case EventKind::IncidentUpdated: {
        // Users affected spread over orders of magnitude: 1 to about 30,000.
        std::int64_t users = static_cast<std::int64_t>(std::pow(10.0, std::uniform_real_distribution<double>(0.0, 4.5)(rng_)));
        set(r, kind, "impact", id(one_of(impacts)));
        set(r, kind, "users_affected", users);
        set(r, kind, "data_exposure", chance(0.05));
        set(r, kind, "locations", chance(0.85) ? 1 : uniform(2, 4));
        break;
      }
      case EventKind::FailoverRequested:
        set(r, kind, "replication_lag", uniform(0, 12'000));
        set(r, kind, "data_consistent", chance(0.8));
        break;
      case EventKind::ChangeRequested:
        set(r, kind, "change", id(fmt::format("CHG-{}", uniform(1, 900))));
        set(r, kind, "emergency", chance(0.3));
        set(r, kind, "requester", id(fmt::format("user{}", uniform(1, 40))));
        break;
      case EventKind::SeverityChange: set(r, kind, "to", uniform(1, 5)); break;
      case EventKind::StatusUpdated: set(r, kind, "audience", id(one_of(audiences))); break;
      case EventKind::Count: break;
    }
  }

  const compiler::Plan& plan_;
  compiler::StringTable& strings_;
  std::mt19937_64 rng_;
};

// ---- what every engine runs on ------------------------------------------------------------

// The incident states of the pool, a scratch state (global events) and the global record, as
// the runtime holds them; reset() before every pass, so each pass sees the same history.
class StatePool {
 public:
  explicit StatePool(const compiler::Plan& plan) : plan_(plan), scratch_(plan.layouts.state), global_(plan.layouts.global) {
    for (std::uint32_t i = 0; i < kIncidents; ++i) states_.emplace_back(plan.layouts.state);
    reset();
  }

  void reset() {
    const compiler::FieldSlot* opened = plan_.layouts.state.find("opened_at");
    for (std::uint32_t i = 0; i < kIncidents; ++i) {
      initialise(states_[i], plan_.state_initial);
      if (opened) states_[i].set_scalar(*opened, opened_at(i));
    }
    initialise(scratch_, plan_.state_initial);
    initialise(global_, plan_.global_initial);
  }

  std::int64_t* state(const Item& item, bool global) {
    return global ? scratch_.mutable_words() : states_[item.incident].mutable_words();
  }
  std::int64_t* global() { return global_.mutable_words(); }

 private:
  static void initialise(Record& r, const std::vector<compiler::Plan::InitialValue>& values) {
    for (const auto& v : values) {
      if (v.field->is_set()) r.set_set(*v.field, v.set);
      else r.set_scalar(*v.field, v.scalar);
    }
  }

  const compiler::Plan& plan_;
  std::vector<Record> states_;
  Record scratch_;
  Record global_;
};

// The routines of one event type, in the order the runtime runs them; -1: none.
struct Phases {
  std::array<std::int32_t, 3> routine{-1, -1, -1};  // screen, admit, apply
  bool global = false;
};

std::array<Phases, kEventKinds> phases_of(const compiler::Plan& plan) {
  std::array<Phases, kEventKinds> out;
  for (std::size_t k = 0; k < kEventKinds; ++k) {
    const compiler::EventPlan* ep = plan.event(bench::event_kind_type(static_cast<EventKind>(k)));
    if (!ep) fail(std::string("the plan has no event type ") + bench::event_kind_type(static_cast<EventKind>(k)));
    out[k] = {{ep->screen, ep->admit, ep->apply}, ep->global};
  }
  return out;
}

// One engine's evaluation state: its strings, arena, state pool and per-routine buffers.
struct EngineRun {
  EngineRun(const compiler::Plan& plan, const compiler::StringTable& strings)
      : strings(strings), pool(plan), phases(phases_of(plan)) {
    for (const auto& r : plan.routines) {
      bits.emplace_back(std::max<std::uint32_t>(compiler::ir::bit_words(r.bit_count), 1), 0);
      slots.emplace_back(std::max<std::uint32_t>(r.slot_count, 1), 0);
    }
  }

  EvalContext context(const Stream& stream, const Item& item, bool global) {
    return EvalContext{stream.words.data() + item.offset, pool.state(item, global), pool.global(), nullptr, item.at,
                       &strings, &arena};
  }

  compiler::StringTable strings;
  compiler::SetArena arena;
  StatePool pool;
  std::array<Phases, kEventKinds> phases;
  std::vector<std::vector<std::uint64_t>> bits;
  std::vector<std::vector<std::int64_t>> slots;
};

// Runs the routines of one event as the runtime calls them: `call` is the engine.
template <typename Call>
inline void run_event(EngineRun& e, const Stream& stream, const Item& item, Call&& call) {
  const Phases& ph = e.phases[static_cast<std::size_t>(item.kind)];
  EvalContext ctx = e.context(stream, item, ph.global);
  for (std::int32_t r : ph.routine) {
    if (r >= 0) call(static_cast<std::size_t>(r), ctx, e.bits[r].data(), e.slots[r].data());
  }
}

// ---- the baseline's bits in the Plan ------------------------------------------------------

struct BitMap {
  bench::BaselineBit baseline;
  std::int32_t routine;
  std::uint32_t bit;
};

struct BaselineMap {
  std::array<std::vector<BitMap>, kEventKinds> bits;
  std::int32_t key_routine = -1;  // alert.received screen: the correlation key's slot
  std::uint32_t key_slot = 0;
  std::int32_t tier_routine = -1;  // incident.updated apply: the classify value's slot
  std::uint32_t tier_slot = 0;
};

BaselineMap baseline_map(const compiler::Plan& plan) {
  BaselineMap m;
  auto ep = [&](EventKind k) { return plan.event(bench::event_kind_type(k)); };
  auto& bits = m.bits;
  const compiler::EventPlan* alert = ep(EventKind::AlertReceived);
  if (alert->suppress.size() != 1 || alert->correlate.size() != 1) fail("alert.received: expected one suppress and one correlate");
  bits[0].push_back({bench::kSuppress, alert->screen, alert->suppress[0].bit});
  m.key_routine = alert->screen;
  m.key_slot = alert->correlate[0].key.slot;
  for (const auto& t : alert->triggers) {
    if (t.kind == compiler::TriggerStep::Kind::SlaStart && t.bit) bits[0].push_back({bench::kTriageStart, alert->apply, *t.bit});
  }
  const compiler::EventPlan* updated = ep(EventKind::IncidentUpdated);
  if (updated->classify.size() != 1 || updated->classify[0].rows.size() != 4 || updated->rules.size() != 1) {
    fail("incident.updated: expected one classify table of four rows and one rule");
  }
  const bench::BaselineBit rows[] = {bench::kTierRow1, bench::kTierRow2, bench::kTierRow3, bench::kTierOtherwise};
  for (std::size_t i = 0; i < 4; ++i) bits[1].push_back({rows[i], updated->apply, updated->classify[0].rows[i].bit});
  bits[1].push_back({bench::kDeclareMajor, updated->apply, updated->rules[0].bit});
  m.tier_routine = updated->apply;
  m.tier_slot = updated->classify[0].value.slot;
  const compiler::EventPlan* failover = ep(EventKind::FailoverRequested);
  if (failover->guards.size() != 1 || failover->guards[0].denies.size() != 2) fail("failover.requested: expected one guard of two denies");
  bits[2].push_back({bench::kDenyLag, failover->admit, failover->guards[0].denies[0].bit});
  bits[2].push_back({bench::kDenyConsistency, failover->admit, failover->guards[0].denies[1].bit});
  const compiler::EventPlan* change = ep(EventKind::ChangeRequested);
  if (change->freezes.size() != 2 || !change->freezes[0].unless_bit || !change->freezes[1].unless_bit) {
    fail("change.requested: expected two freezes with `unless`");
  }
  bits[3].push_back({bench::kUnlessPostMajor, change->admit, *change->freezes[0].unless_bit});
  bits[3].push_back({bench::kUnlessYearEnd, change->admit, *change->freezes[1].unless_bit});
  for (EventKind k : {EventKind::SeverityChange, EventKind::StatusUpdated}) {
    const compiler::EventPlan* p = ep(k);
    if (p->permits.size() != 1) fail(std::string(bench::event_kind_type(k)) + ": expected one permit");
    bits[static_cast<std::size_t>(k)].push_back({bench::kPermit, p->admit, p->permits[0].bit});
  }
  return m;
}

// ---- the agreement check ------------------------------------------------------------------

std::string where(std::size_t index, const Item& item) {
  return fmt::format("event {} ({})", index, bench::event_kind_type(item.kind));
}

void check_agreement(const compiler::Plan& plan, const Stream& stream, EngineRun& jit, compiler::JitRoutines& native,
                     EngineRun& interp, compiler::RoutineEvaluator& interpreter, EngineRun& base,
                     const bench::LanguagePolicy& baseline) {
  BaselineMap map = baseline_map(plan);
  const std::uint32_t state_words = plan.layouts.state.word_count();
  std::size_t compared_bits = 0;
  for (std::size_t i = 0; i < stream.items.size(); ++i) {
    const Item& item = stream.items[i];
    run_event(jit, stream, item, [&](std::size_t r, const EvalContext& ctx, std::uint64_t* b, std::int64_t* s) {
      native.entry_point(r)(&ctx, b, s);
    });
    run_event(interp, stream, item, [&](std::size_t r, const EvalContext& ctx, std::uint64_t* b, std::int64_t* s) {
      interpreter.run(r, ctx, b, s);
    });
    const Phases& ph = jit.phases[static_cast<std::size_t>(item.kind)];
    for (std::int32_t r : ph.routine) {
      if (r < 0) continue;
      const auto& routine = plan.routines[static_cast<std::size_t>(r)];
      if (!std::equal(jit.bits[r].begin(), jit.bits[r].begin() + compiler::ir::bit_words(routine.bit_count), interp.bits[r].begin())) {
        fail(where(i, item) + ": the JIT and the interpreter disagree on the bits of routine " + routine.name);
      }
      if (!std::equal(jit.slots[r].begin(), jit.slots[r].begin() + routine.slot_count, interp.slots[r].begin())) {
        fail(where(i, item) + ": the JIT and the interpreter disagree on the slots of routine " + routine.name);
      }
    }
    const std::int64_t* js = jit.pool.state(item, ph.global);
    if (!std::equal(js, js + state_words, interp.pool.state(item, ph.global))) {
      fail(where(i, item) + ": the JIT and the interpreter leave different incident states");
    }
    std::int64_t* bs = base.pool.state(item, ph.global);
    bench::BaselineOutcome out = baseline.evaluate(item.kind, stream.words.data() + item.offset, bs, item.at);
    for (const BitMap& b : map.bits[static_cast<std::size_t>(item.kind)]) {
      bool expected = compiler::ir::test_bit(jit.bits[b.routine].data(), b.bit);
      if (((out.bits >> b.baseline) & 1) != static_cast<std::uint64_t>(expected)) {
        fail(where(i, item) + fmt::format(": the baseline disagrees with the JIT on a condition (baseline bit {})", static_cast<int>(b.baseline)));
      }
      ++compared_bits;
    }
    if (item.kind == EventKind::AlertReceived && out.correlate_key != jit.slots[map.key_routine][map.key_slot]) {
      fail(where(i, item) + ": the baseline disagrees with the JIT on the correlation key");
    }
    if (item.kind == EventKind::IncidentUpdated && out.tier != jit.slots[map.tier_routine][map.tier_slot]) {
      fail(where(i, item) + ": the baseline disagrees with the JIT on the tier");
    }
    if (!std::equal(js, js + state_words, bs)) fail(where(i, item) + ": the baseline leaves a different incident state");
  }
  fmt::print("agreement        JIT = interpreter on every bit, slot and state word; baseline = JIT on {} condition bits, over {} events\n",
             compared_bits, stream.items.size());
}

// ---- timing ---------------------------------------------------------------------------

template <typename Body>
double time_pass(const Stream& stream, Body&& body) {
  double start = cpu_ms();
  for (const Item& item : stream.items) body(item);
  return ms_since(start) * 1e6 / static_cast<double>(stream.items.size());
}

struct EngineTimes {
  std::vector<double> jit, interp, baseline;
  std::vector<double> walk;  // the loop alone: each event's record and state read, nothing evaluated
};

EngineTimes time_engines(const Stream& stream, int runs, EngineRun& jit, compiler::JitRoutines& native, EngineRun& interp,
                         compiler::RoutineEvaluator& interpreter, EngineRun& base, const bench::LanguagePolicy& baseline) {
  EngineTimes t;
  std::uint64_t sink = 0;
  for (int run = 0; run < runs; ++run) {
    jit.pool.reset();
    t.jit.push_back(time_pass(stream, [&](const Item& item) {
      run_event(jit, stream, item, [&](std::size_t r, const EvalContext& ctx, std::uint64_t* b, std::int64_t* s) {
        native.entry_point(r)(&ctx, b, s);
      });
    }));
    interp.pool.reset();
    t.interp.push_back(time_pass(stream, [&](const Item& item) {
      run_event(interp, stream, item, [&](std::size_t r, const EvalContext& ctx, std::uint64_t* b, std::int64_t* s) {
        interpreter.run(r, ctx, b, s);
      });
    }));
    base.pool.reset();
    t.baseline.push_back(time_pass(stream, [&](const Item& item) {
      bool global = base.phases[static_cast<std::size_t>(item.kind)].global;
      bench::BaselineOutcome out = baseline.evaluate(item.kind, stream.words.data() + item.offset, base.pool.state(item, global), item.at);
      sink ^= out.bits + static_cast<std::uint64_t>(out.tier) + static_cast<std::uint64_t>(out.correlate_key);
    }));
    t.walk.push_back(time_pass(stream, [&](const Item& item) {
      bool global = base.phases[static_cast<std::size_t>(item.kind)].global;
      sink ^= static_cast<std::uint64_t>(stream.words[item.offset + 1] + base.pool.state(item, global)[0]);
    }));
  }
  if (sink == 0x5eed) std::puts("");  // keeps the baseline's results live
  return t;
}

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> long long {
      if (i + 1 >= argc) fail(a + " needs a value");
      char* end = nullptr;
      long long v = std::strtoll(argv[++i], &end, 10);
      if (*end != '\0' || v < 1) fail(a + " needs a positive number, not `" + argv[i] + "`");
      return v;
    };
    if (a == "--events") o.events = static_cast<std::size_t>(value());
    else if (a == "--runs") o.runs = static_cast<int>(value());
    else if (a == "--compile-runs") o.compile_runs = static_cast<int>(value());
    else if (a == "--seed") o.seed = static_cast<std::uint64_t>(value());
    else if (a == "--check-only") o.check_only = true;
    else if (a.rfind("--", 0) == 0) fail("unknown option " + a);
    else o.paths.push_back(a);
  }
  if (o.paths.empty()) o.paths.push_back(std::string(WRIT_SOURCE_DIR) + "/tests/fixtures/language");
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  Options o = parse_options(argc, argv);

  // Memory first, before the stream and the other engines take any.
  double rss_start = current_rss_mib();
  auto loaded = load(o.paths);
  double rss_loaded = current_rss_mib();
  auto jit_policy = compile(*loaded, compiler::EngineKind::Jit);
  double rss_compiled = current_rss_mib();
  double peak_after_compile = peak_rss_mib();
  // A second policy, with the JIT started: what each further compiled policy costs.
  auto second_policy = compile(*loaded, compiler::EngineKind::Jit);
  double rss_second = current_rss_mib();

  std::vector<double> front_ms, compile_ms, total_ms;
  for (int run = 0; run < (o.check_only ? 1 : o.compile_runs); ++run) {
    double start = cpu_ms();
    auto fresh = load(o.paths);
    double front = ms_since(start);
    auto policy = compile(*fresh, compiler::EngineKind::Jit);
    double total = ms_since(start);
    front_ms.push_back(front);
    compile_ms.push_back(total - front);
    total_ms.push_back(total);
  }

  auto interp_policy = compile(*loaded, compiler::EngineKind::Interpreter);
  const compiler::Plan& plan = *jit_policy->plan;
  auto* native = dynamic_cast<compiler::JitRoutines*>(jit_policy->routines.get());
  if (!native) fail("the JIT policy has no native routines");
  std::string why;
  auto baseline = bench::LanguagePolicy::create(plan, why);
  if (!baseline) fail("no baseline for this policy: " + why);

  compiler::StringTable strings(plan.strings);
  double gen_start = cpu_ms();
  Stream stream = Generator(plan, strings, o.seed).generate(o.events);
  double gen_ms = ms_since(gen_start);

  // Every engine runs on the same words; the interpreter's Plan is built from the same
  // program, so its layouts and literal ids are the JIT Plan's.
  EngineRun jit(plan, strings), interp(*interp_policy->plan, strings), base(plan, strings);
  fmt::print("policy           {} ({} routines, hash {})\n", fmt::join(o.paths, " "), plan.routines.size(),
             jit_policy->hash.substr(0, 12));
  fmt::print("stream           {} events over {} event types, {} incidents, seed {}: {:.1f} MiB of record words (generated in {:.0f} ms)\n",
             stream.items.size(), kEventKinds, kIncidents, o.seed,
             static_cast<double>(stream.words.size() * sizeof(std::int64_t)) / (1024.0 * 1024.0), gen_ms);
  check_agreement(plan, stream, jit, *native, interp, *interp_policy->routines, base, *baseline);
  if (o.check_only) return 0;

  EngineTimes t = time_engines(stream, o.runs, jit, *native, interp, *interp_policy->routines, base, *baseline);
  double j = median(t.jit), i = median(t.interp), b = median(t.baseline), w = median(t.walk);
  fmt::print("\nper event (CPU time, median of {} passes over the stream; screen, admit and apply routines)\n", o.runs);
  fmt::print("  JIT            {:8.1f} ns/event\n", j);
  fmt::print("  interpreter    {:8.1f} ns/event   JIT is {:.1f}x faster   (target >= 10x)\n", i, i / j);
  fmt::print("  hand-written   {:8.1f} ns/event   JIT takes {:.2f}x its time (target <= 2x)\n", b, j / b);
  fmt::print("  loop alone     {:8.1f} ns/event   (walks the stream, reads each record and state, evaluates nothing)\n", w);
  fmt::print("  beyond the loop: JIT {:.1f}, interpreter {:.1f}, hand-written {:.1f} ns/event\n", j - w, i - w, b - w);
  fmt::print("\ncompile (CPU time, median of {} runs, fresh each time)\n", total_ms.size());
  fmt::print("  parse + check  {:8.2f} ms\n", median(front_ms));
  fmt::print("  plan + JIT     {:8.2f} ms\n", median(compile_ms));
  fmt::print("  total          {:8.2f} ms   (target < 150 ms)\n", median(total_ms));
  fmt::print("\nmemory\n");
  fmt::print("  RSS at start                  {:8.1f} MiB\n", rss_start);
  fmt::print("  + parse and check             {:8.1f} MiB\n", rss_loaded - rss_start);
  fmt::print("  + the first compiled policy   {:8.1f} MiB   (target < 20 MiB; includes the JIT's first start)\n",
             rss_compiled - rss_loaded);
  fmt::print("  + a second compiled policy    {:8.1f} MiB\n", rss_second - rss_compiled);
  fmt::print("  peak RSS after that compile   {:8.1f} MiB\n", peak_after_compile);
  fmt::print("  peak RSS at the end           {:8.1f} MiB   (the stream and three engines included)\n", peak_rss_mib());
  fmt::print("\nrerun: build/bin/compiler_bench --events {} --runs {} --compile-runs {} --seed {}\n", o.events, o.runs,
             o.compile_runs, o.seed);
  return 0;
}
