// writ replay --policy FILE|DIR... --events FILE.jsonl: applies a policy set to a recorded
// event stream on the virtual clock (time comes from the events), printing each decision as
// a JSON line on stdout and a summary on stderr.
#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/compile.hpp"
#include "lang/literals.hpp"
#include "runtime/engine.hpp"
#include "runtime/event_decoder.hpp"

namespace writ::cli {

namespace {

struct ReplayArgs {
  std::vector<std::string> policy;
  std::string events;
  std::string engine = "auto";
  std::string until;
  std::string stdlib;
};

struct Counts {
  std::size_t lines = 0, accepted = 0, rejected = 0, decisions = 0;
};

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
  if (std::string missing = missing_path(args.policy); !missing.empty()) {
    std::cerr << "writ replay: " << missing << "\n";
    return kExitUsage;
  }
  std::ifstream in(args.events);
  if (!in) {
    std::cerr << "writ replay: cannot read " << args.events << "\n";
    return kExitUsage;
  }
  auto started = std::chrono::steady_clock::now();
  Compiled c = compile_policy_set(args.policy, args.stdlib, *engine_kind);
  if (!c.policy) return kExitErrors;
  Counts counts;
  std::string out;
  runtime::Engine engine(*c.policy->plan, *c.policy->routines, c.policy->hash, [&](const runtime::Decision& d) {
    ++counts.decisions;
    if (d.kind == "event" && d.outcome == "accepted") ++counts.accepted;
    if (d.kind == "rejected") ++counts.rejected;
    out += runtime::to_json(d, c.policy->hash);
    out += '\n';
    if (out.size() > (1 << 16)) {
      std::cout << out;
      out.clear();
    }
  });
  runtime::EventDecoder decoder(c.policy->plan->layouts, engine.strings());
  std::string line;
  while (std::getline(in, line)) {
    ++counts.lines;
    auto decoded = decoder.decode(line);
    if (auto* rejection = std::get_if<runtime::Rejection>(&decoded)) {
      engine.reject(engine.clock(), fmt::format("{}:{}: {}", args.events, counts.lines, rejection->message));
      continue;
    }
    engine.submit(std::get<runtime::DecodedEvent>(std::move(decoded)));
  }
  if (until) engine.advance_to(*until);
  std::cout << out << std::flush;
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cerr << fmt::format("writ replay: {} line(s), {} accepted, {} rejected, {} decision(s), engine {}, {:.2f} s\n",
                           counts.lines, counts.accepted, counts.rejected, counts.decisions,
                           compiler::engine_kind_name(c.policy->engine), seconds);
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
  cmd->callback([args, &exit_code] { exit_code = replay(*args); });
}

}  // namespace writ::cli
