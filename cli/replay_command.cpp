// writ replay --policy FILE|DIR... --events FILE.jsonl [--audit TRAIL [--resume]]
// [--reorder-window D]: applies a policy set to a recorded event stream on the virtual clock
// (time comes from the events), printing each decision as a JSON line on stdout and a
// summary on stderr, and recording every decision in an audit trail when asked. `--resume`
// continues a trail after its last commit (docs/audit.md, "Resume"); `--reorder-window`
// holds events back to sort a slightly out-of-order feed (docs/events.md).
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "cli/commands.hpp"
#include "cli/compile.hpp"
#include "cli/run_trail.hpp"
#include "cli/salt_file.hpp"
#include "lang/literals.hpp"
#include "runtime/audit_resume.hpp"
#include "runtime/audit_writer.hpp"
#include "runtime/engine.hpp"
#include "runtime/event_decoder.hpp"
#include "runtime/line_lookahead.hpp"
#include "runtime/reorder_buffer.hpp"

namespace writ::cli {

namespace {

struct ReplayArgs {
  std::vector<std::string> policy;
  std::string events;
  std::string engine = "auto";
  std::string until;
  std::string stdlib;
  std::string audit;
  std::string reorder_window;
  std::string salt_file;
  bool resume = false;
  // Commits are the trail's cost, and a resumed run re-reads a rolled-back batch whatever
  // its size (docs/audit.md, "Resume").
  std::int64_t batch_lines = runtime::kReplayBatchLines;
};

struct Counts {
  std::size_t lines = 0, accepted = 0, rejected = 0, decisions = 0;
};

// One run of the engine over the lines of the events file, with its output and its trail.
class Replay {
 public:
  Replay(const ReplayArgs& args, const compiler::CompiledPolicy& policy, runtime::AuditStore* store,
         std::optional<std::int64_t> reorder_window)
      : args_(args),
        policy_(policy),
        store_(store),
        engine_(*policy.plan, *policy.routines, policy.hash, [this](const runtime::Decision& d) { sink(d); },
                runtime::EngineOptions{.record_reads = store != nullptr}),
        decoder_(policy.plan->layouts, engine_.strings()) {
    if (reorder_window) reorder_.emplace(*reorder_window);
  }

  // Continues after the checkpoint: restores the engine's state from its snapshot, checks
  // the trail's chain, and skips the committed lines unread. A checkpoint without a snapshot
  // (a trail written by an older writ) is continued by re-executing them instead, and so is
  // a replay with --reorder-window: the events its window held at the commit are in no
  // snapshot, and re-reading the lines refills the window exactly. Returns the error to
  // print, if any.
  std::optional<std::string> restore(std::istream& in, const runtime::AuditCheckpoint& checkpoint) {
    if (checkpoint.state.empty() || reorder_) return reexecute(in, checkpoint);
    if (auto refused = runtime::restore_engine(engine_, *store_, checkpoint)) return refused;
    std::string line;
    while (static_cast<std::int64_t>(counts_.lines) < checkpoint.input_offset) {
      if (!std::getline(in, line)) return too_short(checkpoint);
      ++counts_.lines;
    }
    restored_ = counts_.lines;
    return std::nullopt;
  }

  // Re-executes the lines the trail committed, silently, and checks that they rebuild its
  // head. Returns the error to print, if any.
  std::optional<std::string> reexecute(std::istream& in, const runtime::AuditCheckpoint& checkpoint) {
    if (checkpoint.input_offset > 0) {
      std::cerr << fmt::format("writ replay: {}: warning: the checkpoint holds no engine state; re-executing the "
                               "{} committed line(s) to rebuild it\n",
                               args_.audit, checkpoint.input_offset);
    }
    rebuild_.emplace(store_->meta().salt, policy_.hash);
    std::string line;
    while (static_cast<std::int64_t>(counts_.lines) < checkpoint.input_offset) {
      if (!std::getline(in, line)) return too_short(checkpoint);
      consume(line);
    }
    // The commit at the end of the input came after the window's last events were
    // released; a commit on the last line but before that did not, and recorded fewer.
    if (in.peek() == std::char_traits<char>::eof() && store_->meta().head.seq > rebuild_->head().seq) release_all();
    if (checkpoint.clock_ms > engine_.clock()) engine_.advance_to(checkpoint.clock_ms);
    auto mismatch = runtime::rebuild_mismatch(store_->meta().head, rebuild_->head());
    rebuild_.reset();
    restored_ = counts_.lines;
    return mismatch;
  }

  void start_writing() {
    if (!store_) return;
    writer_.emplace(*store_, policy_.hash,
                    runtime::AuditWriterOptions{args_.events, args_.batch_lines, [this] { return engine_.state_changes(); }});
  }

  // Returns false when the trail failed.
  bool run(std::istream& in, std::optional<std::int64_t> until) {
    runtime::LineLookahead ahead(
        engine_, [&in](std::string& line) { return static_cast<bool>(std::getline(in, line)); },
        std::filesystem::is_regular_file(args_.events));
    while (const std::string* line = ahead.next()) {
      consume(*line);
      if (writer_) writer_->line_consumed(static_cast<std::int64_t>(counts_.lines), engine_.clock());
      if (failed()) return false;
    }
    release_all();
    if (until) engine_.advance_to(*until);
    if (writer_) writer_->commit(static_cast<std::int64_t>(counts_.lines), engine_.clock());
    return !failed();
  }

  void flush() {
    std::cout << out_ << std::flush;
    out_.clear();
  }
  const Counts& counts() const { return counts_; }
  std::size_t restored_lines() const { return restored_; }
  // The trail's failure, after run() returned false.
  const runtime::AuditError& error() const { return *writer_->error(); }

 private:
  bool failed() const { return writer_ && writer_->error(); }

  std::string too_short(const runtime::AuditCheckpoint& checkpoint) const {
    return fmt::format("{} has {} line(s), but the trail committed {}; it is not the input the trail was written from",
                       args_.events, counts_.lines, checkpoint.input_offset);
  }

  void consume(const std::string& line) {
    ++counts_.lines;
    auto decoded = decoder_.decode(line);
    if (auto* rejection = std::get_if<runtime::Rejection>(&decoded)) {
      std::int64_t at = rejection->at.value_or(engine_.clock());
      engine_.reject(at, fmt::format("{}:{}: {}", args_.events, counts_.lines, rejection->message));
      return;
    }
    auto& event = std::get<runtime::DecodedEvent>(decoded);
    if (!reorder_) return engine_.submit(std::move(event));
    std::string type(event.type);
    if (auto late = reorder_->push(std::move(event))) {
      engine_.reject(engine_.clock(), fmt::format("{}:{}: {}", args_.events, counts_.lines, *late), type);
      return;
    }
    while (auto next = reorder_->pop_ready()) engine_.submit(std::move(*next));
  }

  void release_all() {
    if (!reorder_) return;
    while (auto next = reorder_->pop_any()) engine_.submit(std::move(*next));
  }

  void sink(const runtime::Decision& d) {
    if (rebuild_) return rebuild_->add(d);
    ++counts_.decisions;
    if (d.kind == "event" && d.outcome == "accepted") ++counts_.accepted;
    if (d.kind == "rejected") ++counts_.rejected;
    runtime::append_json(out_, d, policy_.hash);
    out_ += '\n';
    if (out_.size() > (1 << 16)) flush();
    if (writer_) writer_->record(d);
  }

  const ReplayArgs& args_;
  const compiler::CompiledPolicy& policy_;
  runtime::AuditStore* store_;
  runtime::Engine engine_;
  runtime::EventDecoder decoder_;
  std::optional<runtime::ReorderBuffer> reorder_;
  std::optional<runtime::ChainRebuild> rebuild_;  // while restoring
  std::optional<runtime::AuditWriter> writer_;
  Counts counts_;
  std::size_t restored_ = 0;
  std::string out_;
};

std::optional<std::string> check_args(const ReplayArgs& args) {
  if (auto bad = trail_options_problem(args.audit, args.resume, args.salt_file)) return bad;
  if (args.batch_lines < 1) return "--batch-lines expects a positive number of lines";
  if (std::string missing = missing_path(args.policy); !missing.empty()) return missing;
  return std::nullopt;
}

int replay(const ReplayArgs& args) {
  auto engine_kind = compiler::parse_engine_kind(args.engine);
  if (!engine_kind) {
    std::cerr << "writ replay: --engine expects jit, interp or auto, not `" << args.engine << "`\n";
    return kExitUsage;
  }
  std::optional<std::int64_t> until;
  if (!args.until.empty() && !(until = lang::parse_time(args.until))) {
    std::cerr << "writ replay: --until expects an RFC 3339 time, not `" << args.until << "`\n";
    return kExitUsage;
  }
  std::optional<std::int64_t> reorder_window;
  if (!args.reorder_window.empty() && !(reorder_window = lang::parse_duration(args.reorder_window))) {
    std::cerr << "writ replay: --reorder-window expects a duration such as 30s or 5m, not `" << args.reorder_window
              << "`\n";
    return kExitUsage;
  }
  if (auto bad = check_args(args)) {
    std::cerr << "writ replay: " << *bad << "\n";
    return kExitUsage;
  }
  std::ifstream in(args.events);
  if (!in) {
    std::cerr << "writ replay: cannot read " << args.events << "\n";
    return kExitUsage;
  }
  auto started = std::chrono::steady_clock::now();
  // The trail records what each decision read; without one, the routines copy no reads.
  Compiled c = compile_policy_set(args.policy, args.stdlib, *engine_kind, {.record_reads = !args.audit.empty()});
  if (!c.policy) return kExitErrors;
  std::optional<std::string> salt;
  if (!args.salt_file.empty() && !(salt = read_salt_file("replay", args.salt_file))) return kExitUsage;
  std::unique_ptr<runtime::AuditStore> store;
  if (!args.audit.empty()) {
    store = open_run_trail("replay", args.audit, args.resume, salt.value_or(""));
    if (!store) return kExitUsage;
  }
  Replay run(args, *c.policy, store.get(), reorder_window);
  if (args.resume) {
    int exit_code = kExitOk;
    auto checkpoint = resume_checkpoint("replay", *store, c.policy->hash, args.events, exit_code);
    if (!checkpoint) return exit_code;
    if (auto mismatch = run.restore(in, *checkpoint)) {
      std::cerr << fmt::format("writ replay: {}: cannot resume: {}\n", args.audit, *mismatch);
      return kExitErrors;
    }
  }
  run.start_writing();
  bool ok = run.run(in, until);
  run.flush();
  if (!ok) return trail_failure("replay", args.audit, run.error());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const Counts& n = run.counts();
  std::string resumed = run.restored_lines() ? fmt::format(" (resumed after line {})", run.restored_lines()) : "";
  std::cerr << fmt::format(
      "writ replay: {} line(s){}, {} accepted, {} rejected, {} decision(s), engine {}, {:.2f} s\n", n.lines, resumed,
      n.accepted, n.rejected, n.decisions, compiler::engine_kind_name(c.policy->engine), seconds);
  return kExitOk;
}

}  // namespace

void add_replay_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ReplayArgs>();
  CLI::App* cmd = app.add_subcommand("replay", "Apply a policy set to a recorded event stream (virtual clock)");
  cmd->add_option("--policy", args->policy, "Policy files or folders")->required();
  cmd->add_option("--events", args->events, "Events, one JSON object per line")->required();
  cmd->add_option("--engine", args->engine, "jit, interp or auto (default: auto)");
  cmd->add_option("--until", args->until, "After the last event, fire timers due up to this time");
  cmd->add_option("--stdlib", args->stdlib, "The standard library folder");
  cmd->add_option("--audit", args->audit, "Record every decision in this audit trail (a new file unless --resume)");
  cmd->add_flag("--resume", args->resume,
                "Continue the --audit trail after its last commit: restores the engine state of its checkpoint, "
                "skips the committed lines, then goes on");
  cmd->add_option("--batch-lines", args->batch_lines, "Input lines per audit commit (default: 100000)");
  cmd->add_option("--salt-file", args->salt_file,
                  "Salt the new --audit trail's digests of @sensitive values with the 64 hex digits in this file, "
                  "to reproduce a trail byte for byte (default: a random salt)");
  cmd->add_option("--reorder-window", args->reorder_window,
                  "Hold events up to this long behind the newest `at` and apply them in time order; an event "
                  "further behind is rejected");
  cmd->callback([args, &exit_code] { exit_code = replay(*args); });
}

}  // namespace writ::cli
