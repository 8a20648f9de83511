// Front-end benchmark: generates a policy of about 10 MB (every kind of construct, checks
// clean), then times loading (parse) and checking it, several runs, and prints the median.
// Usage: parser_bench [MEGABYTES] [RUNS] [OUT.writ]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>
#include <fstream>
#include <string>
#include <vector>

#include "lang/checker.hpp"
#include "lang/module_loader.hpp"

using namespace writ::lang;

namespace {

std::string header() {
  return "policy bench version \"1.0.0\"\n\n"
         "enum Tier { P1, P2, P3, P4 }\n\n"
         "state {\n  tier: Tier = P4\n  major: bool = false\n  count: int = 0\n}\n\n"
         "calendar office {\n  zone \"Europe/Brussels\"\n  open mon..fri 08:00..18:00\n  closed 2026-12-25\n}\n\n"
         "escalation ladder {\n  level 1: notify \"on-call\"\n  level 2 after 15m: notify \"lead\"\n"
         "  stop on ack.received\n}\n\n"
         "event ack.received {}\n\n";
}

// One group of declarations around one event type; about 1.4 KB.
std::string group(int i) {
  return fmt::format(R"(event e{0}.received {{ service: string, severity: int, users: int, tags: set<string>, note: string? }}
const limit_{0} = {0}
// group {0}: a rule, a classify table, a guard, an SLA and a measure on e{0}.received
rule r{0} on e{0}.received when event.severity <= 2 and event.users >= limit_{0} or event.service in {{"auth", "payments"}} {{
  set count = state.count + 1
  notify "team-{0}" message "incident {{event.incident}} has severity {{event.severity}} after {{age}}"
}}
classify tier on e{0}.received {{
  when event.severity == 1 or event.users >= 1_000 => P1
  when event.severity == 2 => P2
  when event.tags contains "customer" => P3
  otherwise => P4
}}
guard g{0} on e{0}.received when event.severity <= 3 {{
  deny when has(event.note) and event.note == "hold" because "held by note on {{event.service}}"
  deny when len(event.tags) > 10 because "too many tags"
}}
sla s{0} within if event.severity <= 2 then 15m else 4h during office {{
  start on e{0}.received when event.severity <= 3
  stop on e{0}.received when event.severity > 3
  warn at 50%, 80% {{ notify "lead-{0}" }}
  breach {{ escalate ladder }}
}}
measure m{0} from e{0}.received to ack.received during office target 1h

)", i);
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  double megabytes = argc > 1 ? std::atof(argv[1]) : 10.0;
  int runs = argc > 2 ? std::atoi(argv[2]) : 5;
  std::string out_path = argc > 3 ? argv[3] : "";
  std::string text = header();
  for (int i = 0; text.size() < megabytes * 1024 * 1024; ++i) text += group(i);
  if (!out_path.empty()) std::ofstream(out_path, std::ios::binary) << text;

  std::vector<double> load_ms, check_ms, total_ms;
  for (int run = 0; run < std::max(runs, 1); ++run) {
    SourceManager sources;
    Diagnostics diags;
    auto start = std::chrono::steady_clock::now();
    Program program = load_program_text("bench.writ", text, sources, diags);
    double loaded = ms_since(start);
    check_program(program, diags);
    double total = ms_since(start);
    if (diags.error_count() + diags.warning_count() > 0) {
      std::fputs(render_text(diags, sources).c_str(), stderr);
      return 1;
    }
    load_ms.push_back(loaded);
    check_ms.push_back(total - loaded);
    total_ms.push_back(total);
  }
  double mb = static_cast<double>(text.size()) / (1024.0 * 1024.0);
  fmt::print("policy size      {:.2f} MiB ({} bytes)\n", mb, text.size());
  fmt::print("parse (median)   {:.1f} ms\n", median(load_ms));
  fmt::print("check (median)   {:.1f} ms\n", median(check_ms));
  fmt::print("total (median)   {:.1f} ms  ({:.1f} MiB/s), {} runs\n", median(total_ms), mb / (median(total_ms) / 1000.0),
             total_ms.size());
  return 0;
}
