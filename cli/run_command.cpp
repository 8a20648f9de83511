// writ run --policy FILE|DIR... [--audit TRAIL [--resume]]: live mode. Events arrive on
// stdin as JSON lines; the engine clock is the wall clock, so timers fire on time while no
// input comes. Each decision is printed as a JSON line on stdout as it is made. SIGINT or
// SIGTERM (or the end of stdin) commits the open audit batch and exits 0. `--resume`
// continues a trail after a crash or kill from its last checkpoint's state; stdin is then
// new input, numbered on from the checkpoint's line (docs/audit.md, "Resuming a live run").
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <iostream>
#include <optional>

#include "cli/commands.hpp"
#include "cli/compile.hpp"
#include "cli/run_trail.hpp"
#include "cli/salt_file.hpp"
#include "runtime/audit_resume.hpp"
#include "runtime/audit_writer.hpp"
#include "runtime/engine.hpp"
#include "runtime/event_decoder.hpp"

namespace writ::cli {

namespace {

struct RunArgs {
  std::vector<std::string> policy;
  std::string engine = "auto";
  std::string stdlib;
  std::string audit;
  std::string salt_file;
  bool resume = false;
  std::int64_t batch_lines = 1000;
};

// A live trail's checkpoints count lines of this input, whichever process read them.
constexpr const char* kInputSource = "stdin";

volatile sig_atomic_t g_stop = 0;

void request_stop(int) { g_stop = 1; }

// Blocks SIGINT and SIGTERM outside the wait for input, so a signal either lands in the
// wait (which it ends) or is pending when the wait starts: never lost between the two.
sigset_t install_stop_handlers() {
  struct sigaction action {};
  action.sa_handler = request_stop;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  sigset_t blocked, previous;
  sigemptyset(&blocked);
  sigaddset(&blocked, SIGINT);
  sigaddset(&blocked, SIGTERM);
  sigprocmask(SIG_BLOCK, &blocked, &previous);
  sigdelset(&previous, SIGINT);
  sigdelset(&previous, SIGTERM);
  return previous;
}

std::int64_t wall_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

class LiveRun {
 public:
  LiveRun(const RunArgs& args, const compiler::CompiledPolicy& policy, runtime::AuditStore* store)
      : policy_(policy),
        engine_(*policy.plan, *policy.routines, policy.hash, [this](const runtime::Decision& d) { sink(d); },
                runtime::EngineOptions{.record_reads = store != nullptr}),
        decoder_(policy.plan->layouts, engine_.strings()) {
    if (!store) return;
    auto state = [this] { return engine_.state_changes(); };
    writer_.emplace(*store, policy.hash, runtime::AuditWriterOptions{kInputSource, args.batch_lines, state});
  }

  // Continues the trail from `checkpoint`: the engine takes its state and the lines of
  // stdin are numbered on from its input position. The reason it cannot, or nullopt.
  std::optional<std::string> resume(const runtime::AuditStore& store, const runtime::AuditCheckpoint& checkpoint) {
    if (auto refused = runtime::restore_engine(engine_, store, checkpoint)) return refused;
    lines_ = resumed_after_ = checkpoint.input_offset;
    return std::nullopt;
  }

  // Until stdin ends or a signal asks to stop; false when the trail failed.
  bool run(const sigset_t& wait_mask) {
    bool open = true;
    while (open && !g_stop && !failed()) {
      pollfd in{STDIN_FILENO, POLLIN, 0};
      int ready = ppoll(&in, 1, timeout(), &wait_mask);
      if (ready < 0 && errno != EINTR) break;
      tick();
      if (ready > 0) open = read_input();
      std::cout << std::flush;
    }
    if (!pending_.empty()) line(pending_);
    if (writer_) writer_->commit(lines_, engine_.clock());
    std::cout << std::flush;
    return !failed();
  }

  const runtime::AuditError& error() const { return *writer_->error(); }
  std::int64_t lines() const { return lines_; }
  std::int64_t resumed_after() const { return resumed_after_; }
  std::int64_t decisions() const { return decisions_; }

 private:
  bool failed() const { return writer_ && writer_->error(); }

  // Until the next timer falls due; no limit when none is pending.
  const timespec* timeout() {
    auto next = engine_.next_timer();
    if (!next) return nullptr;
    std::int64_t ms = std::max<std::int64_t>(0, *next - wall_ms());
    wait_ = timespec{static_cast<time_t>(ms / 1000), static_cast<long>(ms % 1000) * 1000000L};
    return &wait_;
  }

  // Fires the timers due by now; their decisions commit without waiting for input.
  void tick() {
    engine_.advance_to(wall_ms());
    if (writer_) writer_->commit_open(lines_, engine_.clock());
  }

  // Reads what stdin has and applies its complete lines; false at its end.
  bool read_input() {
    char buffer[1 << 16];
    ssize_t n = read(STDIN_FILENO, buffer, sizeof buffer);
    if (n < 0) return errno == EINTR || errno == EAGAIN;
    if (n == 0) return false;
    pending_.append(buffer, static_cast<std::size_t>(n));
    std::size_t start = 0;
    for (std::size_t end; (end = pending_.find('\n', start)) != std::string::npos; start = end + 1) {
      line(std::string_view(pending_).substr(start, end - start));
    }
    pending_.erase(0, start);
    return true;
  }

  // An event is applied when it arrives: the clock is the wall clock, and the event's own
  // `at` stays in its record (`event.at`) without moving the clock.
  void line(std::string_view text) {
    ++lines_;
    std::int64_t now = wall_ms();
    engine_.advance_to(now);
    auto decoded = decoder_.decode(text);
    if (auto* rejection = std::get_if<runtime::Rejection>(&decoded)) {
      engine_.reject(engine_.clock(), fmt::format("stdin:{}: {}", lines_, rejection->message));
    } else {
      auto& event = std::get<runtime::DecodedEvent>(decoded);
      event.at = engine_.clock();
      engine_.submit(std::move(event));
    }
    // stdin cannot be read again: the feeder must know what is stored before sending more.
    if (writer_ && writer_->line_consumed(lines_, engine_.clock())) writer_->flush();
  }

  void sink(const runtime::Decision& d) {
    ++decisions_;
    std::cout << runtime::to_json(d, policy_.hash) << '\n';
    if (writer_) writer_->record(d);
  }

  const compiler::CompiledPolicy& policy_;
  runtime::Engine engine_;
  runtime::EventDecoder decoder_;
  std::optional<runtime::AuditWriter> writer_;
  std::string pending_;  // an incomplete line
  timespec wait_{};
  std::int64_t lines_ = 0;  // stdin lines over the trail's life: the checkpoints' input position
  std::int64_t resumed_after_ = 0;
  std::int64_t decisions_ = 0;
};

// Continues the trail's last checkpoint in `live`; the exit code when it cannot.
std::optional<int> resume_live(LiveRun& live, const runtime::AuditStore& store, const std::string& policy_hash) {
  int exit_code = kExitOk;
  auto checkpoint = resume_checkpoint("run", store, policy_hash, kInputSource, exit_code);
  if (!checkpoint) return exit_code;
  if (auto refused = live.resume(store, *checkpoint)) {
    std::cerr << fmt::format("writ run: {}: cannot resume: {}\n", store.path(), *refused);
    return kExitErrors;
  }
  // Whoever feeds stdin learns here where to go on: what it sent after this line was in
  // the batch the crash rolled back.
  std::cerr << fmt::format("writ run: {}: resuming after stdin line {} (record {})\n", store.path(),
                           checkpoint->input_offset, checkpoint->seq);
  return std::nullopt;
}

int run_live(const RunArgs& args) {
  auto engine_kind = compiler::parse_engine_kind(args.engine);
  if (!engine_kind) {
    std::cerr << "writ run: --engine expects jit, interp or auto, not `" << args.engine << "`\n";
    return kExitUsage;
  }
  if (args.batch_lines < 1) {
    std::cerr << "writ run: --batch-lines expects a positive number of lines\n";
    return kExitUsage;
  }
  if (std::string missing = missing_path(args.policy); !missing.empty()) {
    std::cerr << "writ run: " << missing << "\n";
    return kExitUsage;
  }
  if (auto bad = trail_options_problem(args.audit, args.resume, args.salt_file)) {
    std::cerr << "writ run: " << *bad << "\n";
    return kExitUsage;
  }
  std::optional<std::string> salt;
  if (!args.salt_file.empty() && !(salt = read_salt_file("run", args.salt_file))) return kExitUsage;
  // The trail records what each decision read; without one, the routines copy no reads.
  Compiled c = compile_policy_set(args.policy, args.stdlib, *engine_kind, {.record_reads = !args.audit.empty()});
  if (!c.policy) return kExitErrors;
  std::unique_ptr<runtime::AuditStore> store;
  if (!args.audit.empty()) {
    store = open_run_trail("run", args.audit, args.resume, salt.value_or(""));
    if (!store) return kExitUsage;
  }
  sigset_t wait_mask = install_stop_handlers();
  LiveRun live(args, *c.policy, store.get());
  if (args.resume) {
    if (auto failed = resume_live(live, *store, c.policy->hash)) return *failed;
  }
  if (!live.run(wait_mask)) return trail_failure("run", args.audit, live.error());
  std::string resumed = args.resume ? fmt::format(" (resumed after line {})", live.resumed_after()) : "";
  std::cerr << fmt::format("writ run: {} line(s){}, {} decision(s), engine {}{}\n", live.lines(), resumed,
                           live.decisions(), compiler::engine_kind_name(c.policy->engine),
                           g_stop ? ", stopped by a signal" : "");
  return kExitOk;
}

}  // namespace

void add_run_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand("run", "Apply a policy set live to events on stdin (wall clock)");
  cmd->add_option("--policy", args->policy, "Policy files or folders")->required();
  cmd->add_option("--engine", args->engine, "jit, interp or auto (default: auto)");
  cmd->add_option("--stdlib", args->stdlib, "The standard library folder");
  cmd->add_option("--audit", args->audit, "Record every decision in this audit trail (a new file unless --resume)");
  cmd->add_flag("--resume", args->resume,
                "Continue the --audit trail after a crash or kill: restores the engine state of its last checkpoint "
                "and numbers stdin's lines on from it; stdin is new input");
  cmd->add_option("--batch-lines", args->batch_lines, "Input lines per audit commit (default: 1000)");
  cmd->add_option("--salt-file", args->salt_file,
                  "Salt the new --audit trail's digests of @sensitive values with the 64 hex digits in this file "
                  "(default: a random salt)");
  cmd->callback([args, &exit_code] { exit_code = run_live(*args); });
}

}  // namespace writ::cli
