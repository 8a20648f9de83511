// Runtime benchmark (issue 4, "Performance"): replay throughput of the engine, JSON lines
// in (decoded with simdjson) and decisions out (rendered as `writ replay` prints them, not
// written), over a generated stream against bench/runtime_policy.writ, with the JIT and the
// interpreter, without and with the audit trail on disk; then the memory an open incident
// and its timers take, and whether throughput stays flat as open incidents grow. Each row
// gives the rate over the whole stream and "once open": over the events after the first K,
// which open the K incidents (at 100,000 a tenth of the stream, on memory not yet touched).
// Usage: runtime_bench [--events N] [--incidents K,K,...] [--memory-incidents M] [--no-trail]
//        [--global-every G] [--smoke]
// --no-trail: only the rows without the audit trail (for profiling the engine alone).
// --global-every G: a global event (`all.clear`) after every G events, which reaches every
// open incident in id order: the cost of a global event as open incidents grow.
// --smoke: a short stream under both engines, which must print the same decisions; no
// timing (the ctest test).
#include <malloc.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "compiler/compiled_policy.hpp"
#include "lang/checker.hpp"
#include "lang/literals.hpp"
#include "lang/module_loader.hpp"
#include "runtime/audit_store.hpp"
#include "runtime/audit_writer.hpp"
#include "runtime/engine.hpp"
#include "runtime/event_decoder.hpp"
#include "runtime/line_lookahead.hpp"

using namespace writ;

namespace {

struct Options {
  std::size_t events = 1'000'000;
  std::vector<std::uint32_t> incidents = {1'000, 10'000, 100'000};
  std::uint32_t memory_incidents = 100'000;
  bool trail = true;
  std::size_t global_every = 0;  // 0: no global events
  bool smoke = false;
  // The stream of the first --incidents count, written as JSON lines for `writ replay`
  // (profiling one thread of a replay with the trail) instead of running.
  std::string write_events;
};

[[noreturn]] void fail(const std::string& message) {
  std::fprintf(stderr, "runtime_bench: %s\n", message.c_str());
  std::exit(1);
}

// CPU time of the process: the cores are shared, and wall time counts other processes'
// turns. With the audit trail, wall time is reported too: waiting for the disk is not CPU.
double cpu_s() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

double wall_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Bytes the heap has handed out and not taken back: unlike the resident size, not hidden
// by memory an earlier run freed and the allocator reuses.
double heap_bytes() {
  struct mallinfo2 m = mallinfo2();
  return static_cast<double>(m.uordblks + m.hblkhd);
}

struct Loaded {
  lang::SourceManager sources;
  lang::Diagnostics diags;
  lang::Program program;
};

std::unique_ptr<Loaded> load() {
  auto loaded = std::make_unique<Loaded>();
  lang::LoadOptions options;
  options.stdlib_dir = std::string(WRIT_SOURCE_DIR) + "/stdlib";
  loaded->program = lang::load_program({std::string(WRIT_SOURCE_DIR) + "/bench/runtime_policy.writ"}, loaded->sources,
                                       loaded->diags, options);
  if (!loaded->diags.has_errors()) lang::check_program(loaded->program, loaded->diags);
  if (loaded->diags.has_errors()) fail("the policy does not check:\n" + lang::render_text(loaded->diags, loaded->sources));
  return loaded;
}

// `record_reads` as `writ replay` asks for it: only when it writes an audit trail.
std::unique_ptr<compiler::CompiledPolicy> compile(const Loaded& loaded, compiler::EngineKind engine,
                                                  bool record_reads = false) {
  auto compiled = compiler::compile_policy(loaded.program, loaded.sources, engine, {.record_reads = record_reads});
  if (auto* errors = std::get_if<std::vector<compiler::CompileError>>(&compiled)) {
    fail("the policy does not compile: " + (errors->empty() ? std::string("?") : errors->front().message));
  }
  return std::move(std::get<std::unique_ptr<compiler::CompiledPolicy>>(compiled));
}

// ---- the event stream ---------------------------------------------------------------------

constexpr std::int64_t kStart = 1'793'955'600'000;  // 2026-11-06T09:00:00Z

// `incidents` incidents are open at every moment: the stream opens them all first, then
// each event goes to a random one. An incident is acknowledged at its 4th event and
// resolved (and closed) after 50 to 150; its slot then opens a new incident. Time moves so
// that an incident sees an event every 100 s on average whatever `incidents` is, so every
// size runs the same per-incident timeline (SLAs met, breached, timers pending).
std::vector<std::string> generate(std::size_t events, std::uint32_t incidents, std::uint64_t seed,
                                  std::size_t global_every = 0) {
  struct Slot {
    std::uint64_t id;
    std::uint32_t age = 0;
    std::uint32_t life = 0;
  };
  std::mt19937_64 rng(seed);
  auto pick = [&](std::uint64_t n) { return std::uniform_int_distribution<std::uint64_t>(0, n - 1)(rng); };
  std::vector<Slot> slots(incidents);
  std::uint64_t next_id = 0;
  for (Slot& s : slots) s = Slot{next_id++, 0, static_cast<std::uint32_t>(50 + pick(101))};
  const double step_ms = 100'000.0 / incidents;
  const char* roles[] = {"incident_commander", "triage_lead", "observer"};
  std::vector<std::string> lines;
  lines.reserve(events);
  for (std::size_t i = 0; i < events; ++i) {
    std::string at = lang::format_time(kStart + static_cast<std::int64_t>(i * step_ms));
    if (global_every && i % global_every == global_every - 1) {
      lines.push_back(fmt::format(R"({{"at":"{}","type":"all.clear","partial":false}})", at));
      continue;
    }
    Slot& s = slots[i < incidents ? i : pick(incidents)];
    std::string head = fmt::format(R"({{"at":"{}","incident":"INC-{}",)", at, s.id);
    std::uint32_t age = s.age++;
    if (age == 0) {
      lines.push_back(head + fmt::format(R"("type":"alert.received","service":"svc-{}","severity":{}}})", pick(50),
                                         1 + pick(4)));
    } else if (age == 3) {
      lines.push_back(head + R"("type":"incident.acknowledged"})");
    } else if (age >= s.life) {
      lines.push_back(head + R"("type":"incident.resolved"})");
      s = Slot{next_id++, 0, static_cast<std::uint32_t>(50 + pick(101))};
    } else if (std::uint64_t r = pick(100); r < 70) {
      lines.push_back(head + R"("type":"status.updated"})");
    } else if (r < 85) {
      lines.push_back(head + fmt::format(R"("type":"severity.change","to":{},"actor":{{"id":"u{}","role":"{}"}}}})",
                                         1 + pick(4), pick(20), roles[pick(3)]));
    } else {
      lines.push_back(head + fmt::format(R"("type":"change.requested","risk":{}}})", 1 + pick(5)));
    }
  }
  return lines;
}

// ---- one replay ---------------------------------------------------------------------------

struct Outcome {
  double cpu = 0, wall = 0;
  // From the event after the stream's first `incidents` lines, which open the incidents: the
  // rate while that many incidents stay open, without the cost of opening them.
  double cpu_open = 0, wall_open = 0;
  std::size_t decisions = 0, rejected = 0;
  std::uint64_t digest = 1469598103934665603ull;  // FNV-1a of the rendered decisions
};

// What `writ replay` does per line, minus printing: decode, submit, render each decision,
// record it when there is a trail, with the engine's state at each commit.
Outcome replay(const compiler::CompiledPolicy& policy, const std::vector<std::string>& lines, std::size_t opening,
               const std::string& trail, bool keep_digest) {
  Outcome out;
  std::unique_ptr<runtime::AuditStore> store;
  std::optional<runtime::AuditWriter> writer;
  std::optional<runtime::Engine> engine;
  if (!trail.empty()) {
    std::filesystem::remove(trail);
    std::filesystem::remove(trail + "-wal");
    std::filesystem::remove(trail + "-shm");
    auto opened = runtime::AuditStore::open(trail, runtime::AuditOpenOptions{runtime::AuditOpenMode::Create, {}});
    if (!opened.ok()) fail(trail + ": " + opened.error().message);
    store = std::move(opened.value());
    // Commits carrying the engine's state, as often as `writ replay --audit` makes them.
    writer.emplace(*store, policy.hash,
                   runtime::AuditWriterOptions{"bench", runtime::kReplayBatchLines,
                                               [&engine] { return engine->state_changes(); }});
  }
  std::string rendered;
  engine.emplace(*policy.plan, *policy.routines, policy.hash, [&](const runtime::Decision& d) {
    ++out.decisions;
    if (d.kind == "rejected") ++out.rejected;
    rendered.clear();
    runtime::append_json(rendered, d, policy.hash);
    if (keep_digest) {
      for (char c : rendered) out.digest = (out.digest ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    }
    if (writer) writer->record(d);
  }, runtime::EngineOptions{.record_reads = writer.has_value()});  // as `writ replay` does
  runtime::EventDecoder decoder(policy.plan->layouts, engine->strings());
  double cpu = cpu_s(), wall = wall_s();
  double cpu_opened = cpu, wall_opened = wall;
  std::int64_t n = 0;
  // Read as `writ replay` reads its file: a line at a time, copied, through its lookahead.
  std::size_t next = 0;
  runtime::LineLookahead ahead(*engine, [&](std::string& line) {
    if (next == lines.size()) return false;
    line = lines[next++];
    return true;
  });
  while (const std::string* line = ahead.next()) {
    auto decoded = decoder.decode(*line);
    if (auto* r = std::get_if<runtime::Rejection>(&decoded)) fail("a generated line was rejected: " + r->message);
    engine->submit(std::get<runtime::DecodedEvent>(std::move(decoded)));
    if (writer) writer->line_consumed(n + 1, engine->clock());
    if (static_cast<std::size_t>(++n) == opening) {
      cpu_opened = cpu_s();
      wall_opened = wall_s();
    }
  }
  if (writer) {
    writer->commit(n, engine->clock());
    if (writer->error()) fail(trail + ": " + writer->error()->message);
  }
  double cpu_end = cpu_s(), wall_end = wall_s();
  out.cpu = cpu_end - cpu;
  out.wall = wall_end - wall;
  out.cpu_open = cpu_end - cpu_opened;
  out.wall_open = wall_end - wall_opened;
  return out;
}

// ---- memory per open incident ---------------------------------------------------------------

struct Memory {
  double bytes_per_incident = 0;
  double timers_per_incident = 0;
};

// Opens `incidents` incidents (one alert each, the stream's severities) and measures the
// memory they add (the heap's, and the engine's incident blocks), with their pending timers.
Memory memory(const compiler::CompiledPolicy& policy, std::uint32_t incidents) {
  std::vector<std::string> alerts = generate(incidents, incidents, 7);
  runtime::Engine engine(*policy.plan, *policy.routines, policy.hash, [](const runtime::Decision&) {});
  runtime::EventDecoder decoder(policy.plan->layouts, engine.strings());
  // The first few incidents allocate the engine's lasting buffers: measure after them.
  const std::uint32_t warm = 100;
  for (std::uint32_t i = 0; i < warm; ++i) engine.submit(std::get<runtime::DecodedEvent>(decoder.decode(alerts[i])));
  // The incidents' blocks are mapped by the engine, not malloc's.
  auto used = [&engine] { return heap_bytes() + static_cast<double>(engine.incident_bytes()); };
  double before = used();
  for (std::uint32_t i = warm; i < incidents; ++i) {
    engine.submit(std::get<runtime::DecodedEvent>(decoder.decode(alerts[i])));
  }
  double after = used();
  std::size_t timers = 0;
  for (std::uint32_t i = warm; i < incidents; ++i) {
    if (const runtime::Incident* inc = engine.incident("INC-" + std::to_string(i))) timers += inc->pending_timers;
  }
  double n = incidents - warm;
  return Memory{(after - before) / n, static_cast<double>(timers) / n};
}

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) fail(a + " needs a value");
      return argv[++i];
    };
    if (a == "--events") {
      o.events = std::stoull(value());
    } else if (a == "--incidents") {
      o.incidents.clear();
      std::string list = value();
      for (std::size_t at = 0; at < list.size();) {
        std::size_t comma = list.find(',', at);
        o.incidents.push_back(static_cast<std::uint32_t>(std::stoul(list.substr(at, comma - at))));
        at = comma == std::string::npos ? list.size() : comma + 1;
      }
    } else if (a == "--memory-incidents") {
      o.memory_incidents = static_cast<std::uint32_t>(std::stoul(value()));
    } else if (a == "--global-every") {
      o.global_every = std::stoull(value());
    } else if (a == "--no-trail") {
      o.trail = false;
    } else if (a == "--smoke") {
      o.smoke = true;
    } else if (a == "--write-events") {
      o.write_events = value();
    } else {
      fail("unknown argument `" + a + "`; usage: runtime_bench [--events N] [--incidents K,K,...] "
           "[--memory-incidents M] [--no-trail] [--global-every G] [--smoke] [--write-events FILE]");
    }
  }
  return o;
}

int smoke(const compiler::CompiledPolicy& jit, const compiler::CompiledPolicy& interp) {
  std::vector<std::string> lines = generate(5'000, 100, 20261127);
  Outcome a = replay(jit, lines, 100, "", true), b = replay(interp, lines, 100, "", true);
  if (a.digest != b.digest || a.decisions != b.decisions) fail("the JIT and the interpreter decided differently");
  if (a.decisions < lines.size()) fail("fewer decisions than events");
  std::printf("runtime_bench: %zu events, %zu decisions, the same under both engines\n", lines.size(), a.decisions);
  return 0;
}

int write_events(const Options& o) {
  std::FILE* out = std::fopen(o.write_events.c_str(), "w");
  if (out == nullptr) fail("cannot write " + o.write_events);
  for (const std::string& line : generate(o.events, o.incidents.at(0), 20261127, o.global_every)) {
    std::fprintf(out, "%s\n", line.c_str());
  }
  return std::fclose(out) == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options options = parse_options(argc, argv);
  if (!options.write_events.empty()) return write_events(options);
  auto loaded = load();
  auto jit = compile(*loaded, compiler::EngineKind::Jit);
  auto interp = compile(*loaded, compiler::EngineKind::Interpreter);
  if (options.smoke) return smoke(*jit, *interp);
  auto jit_traced = compile(*loaded, compiler::EngineKind::Jit, true);
  auto interp_traced = compile(*loaded, compiler::EngineKind::Interpreter, true);

  std::string trail = (std::filesystem::temp_directory_path() / "writ-runtime-bench.db").string();
  std::printf("runtime_bench: %zu events per run; throughput in events per CPU second (wall in brackets)\n\n",
              options.events);
  std::printf("| open incidents | engine | audit | events/s | once open | decisions |\n|---|---|---|---|---|---|\n");
  auto row = [&](std::uint32_t incidents, const char* engine, const compiler::CompiledPolicy& policy,
                 const std::vector<std::string>& lines, bool audit) {
    Outcome o = replay(policy, lines, incidents, audit ? trail : "", false);
    auto after = static_cast<double>(lines.size() - std::min<std::size_t>(incidents, lines.size()));
    std::printf("| %u | %s | %s | %.0f (%.0f) | %.0f (%.0f) | %zu |\n", incidents, engine, audit ? "on disk" : "none",
                static_cast<double>(lines.size()) / o.cpu, static_cast<double>(lines.size()) / o.wall,
                after / o.cpu_open, after / o.wall_open, o.decisions);
    std::fflush(stdout);
  };
  for (std::uint32_t incidents : options.incidents) {
    std::vector<std::string> lines = generate(options.events, incidents, 20261127, options.global_every);
    row(incidents, "jit", *jit, lines, false);
    row(incidents, "interp", *interp, lines, false);
    if (!options.trail) continue;
    row(incidents, "jit", *jit_traced, lines, true);
    row(incidents, "interp", *interp_traced, lines, true);
  }
  std::filesystem::remove(trail);
  std::filesystem::remove(trail + "-wal");
  std::filesystem::remove(trail + "-shm");
  Memory m = memory(*jit, options.memory_incidents);
  std::printf("\nmemory: %u open incidents: %.0f bytes each with %.2f pending timers (budget %.0f)\n",
              options.memory_incidents, m.bytes_per_incident, m.timers_per_incident,
              1024.0 + 64.0 * m.timers_per_incident);
  return 0;
}
