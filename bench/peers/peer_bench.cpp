// The peer benchmark's C++ side (issue 7, /work/shared/bench/PEER_WORKLOAD.md):
//   peer_bench generate --events N [--incidents K] [--json FILE] [--writ FILE]
//       writes the workload as the peers' JSON lines and/or as Writ JSON lines
//   peer_bench run [--events N] [--runs R] [--policy FILE]
//       the C++ floor, Writ's JIT and interpreter (all rules, and R5 alone): CPU ns/event
//   peer_bench scaling [--events N] [--runs R]
//       per-event cost (10 to 1,000 rules) and compile time (10 to 3,000 rules) of generated policies
//   peer_bench smoke
//       no timing: the generator's md5 and every engine's counts on the specified 200,000 events
// `run` and `scaling` print one JSON object per line (bench/peers/run_bench.js reads them).
// Every engine's counts must be the expected ones (for 200,000 events) and agree with each
// other; otherwise the command fails (exit 1).
#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <fstream>
#include <functional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/peers/cpp_floor.hpp"
#include "bench/peers/decision_counts.hpp"
#include "bench/peers/rule_scaling.hpp"
#include "bench/peers/workload.hpp"
#include "bench/peers/writ_engine.hpp"
#include "bench/peers/writ_policy.hpp"

using namespace writ;
using namespace writ::peers;

namespace {

struct Options {
  std::string command;
  std::size_t events = kSpecifiedEvents;
  std::int32_t incidents = kDefaultIncidents;
  int runs = 5;
  std::string policy = std::string(WRIT_SOURCE_DIR) + "/bench/peers/governance.writ";
  std::string json_out, writ_out;
};

Options parse_options(int argc, char** argv) {
  if (argc < 2) throw std::runtime_error("usage: peer_bench generate|run|scaling|smoke [options] (see the source's header)");
  Options o;
  o.command = argv[1];
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    auto text = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
      return argv[++i];
    };
    auto number = [&]() -> long long {
      std::string v = text();
      char* end = nullptr;
      long long n = std::strtoll(v.c_str(), &end, 10);
      if (*end != '\0' || n < 1 || n > 1'000'000'000) throw std::runtime_error(a + " needs a positive number, not `" + v + "`");
      return n;
    };
    if (a == "--events") o.events = static_cast<std::size_t>(number());
    else if (a == "--incidents") o.incidents = static_cast<std::int32_t>(number());
    else if (a == "--runs") o.runs = static_cast<int>(number());
    else if (a == "--policy") o.policy = text();
    else if (a == "--json") o.json_out = text();
    else if (a == "--writ") o.writ_out = text();
    else throw std::runtime_error("unknown option " + a);
  }
  return o;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

std::string md5_of_json_lines(const std::vector<PeerEvent>& events) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_md5(), nullptr);
  for (const PeerEvent& e : events) {
    std::string line = json_line(e) + '\n';
    EVP_DigestUpdate(ctx, line.data(), line.size());
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(ctx, digest, &length);
  EVP_MD_CTX_free(ctx);
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

void write_lines(const std::string& path, const std::vector<PeerEvent>& events, bool writ) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw std::runtime_error("cannot write " + path);
  std::string buffer;
  for (std::size_t i = 0; i < events.size(); ++i) {
    buffer += writ ? writ_line(events[i], writ_event_time(i)) : json_line(events[i]);
    buffer += '\n';
    if (buffer.size() > (1 << 20)) {
      out << buffer;
      buffer.clear();
    }
  }
  out << buffer;
  if (!out.flush()) throw std::runtime_error("cannot write " + path);
}

int generate(const Options& o) {
  auto events = generate_events(o.events, o.incidents);
  if (!o.json_out.empty()) write_lines(o.json_out, events, false);
  if (!o.writ_out.empty()) write_lines(o.writ_out, events, true);
  std::set<std::int32_t> incidents;
  for (const PeerEvent& e : events) incidents.insert(e.incident);
  fmt::print("{{\"events\":{},\"incidents\":{}}}\n", events.size(), incidents.size());
  return 0;
}

// The counts every engine must give: the specified ones for 200,000 events, else the floor's.
struct Verdict {
  DecisionCounts expected;
  bool specified;
};

void check_counts(const std::string& engine, const DecisionCounts& got, const Verdict& v, bool r5_only) {
  bool ok = r5_only ? got.n[kSeverityChangePermitted] == v.expected.n[kSeverityChangePermitted] : got == v.expected;
  if (!ok) {
    throw std::runtime_error(fmt::format("{}: counts {} differ from the {} counts {}", engine, got.canonical(),
                                         v.specified ? "specified" : "C++ floor's", v.expected.canonical()));
  }
}

void report(const std::string& engine, const std::string& scope, std::size_t events, const std::vector<double>& ns,
            const DecisionCounts& counts) {
  std::string canonical = scope == "r5" ? counts.canonical_r5() : counts.canonical();
  fmt::print("{{\"engine\":\"{}\",\"scope\":\"{}\",\"events\":{},\"ns\":[{:.2f}],\"median\":{:.2f},\"counts\":\"{}\",\"fp\":\"{}\"}}\n",
             engine, scope, events, fmt::join(ns, ","), median(ns), canonical, fp_hex(fnv1a(canonical)));
  std::fflush(stdout);
}

// Times `runs` passes of `pass`, each returning its counts, which must all be `v`'s, after
// one untimed pass (the first touch of the engine's memory; the JS engines have theirs too).
void measure(const std::string& engine, const std::string& scope, std::size_t events, int runs, const Verdict& v,
             const std::function<DecisionCounts()>& pass) {
  std::vector<double> ns;
  DecisionCounts counts = pass();
  check_counts(engine, counts, v, scope == "r5");
  for (int run = 0; run < runs; ++run) {
    double start = cpu_ms();
    counts = pass();
    ns.push_back((cpu_ms() - start) * 1e6 / static_cast<double>(events));
    check_counts(engine, counts, v, scope == "r5");
  }
  report(engine, scope, events, ns, counts);
}

int run(const Options& o) {
  auto events = generate_events(o.events, o.incidents);
  CppFloor floor;
  floor.load(events);
  bool specified = o.events == kSpecifiedEvents && o.incidents == kDefaultIncidents;
  Verdict v{specified ? kExpected200k : floor.evaluate(), specified};
  auto loaded = load_policy(o.policy);
  auto jit = compile(*loaded, compiler::EngineKind::Jit);
  auto interp = compile(*loaded, compiler::EngineKind::Interpreter);
  WritEngine jit_engine(*jit, events), interp_engine(*interp, events);
  Schedule all = decision_schedule(*jit->plan), r5 = permit_schedule(*jit->plan);
  Schedule interp_all = decision_schedule(*interp->plan);
  std::size_t n = events.size();
  measure("cpp-floor", "all", n, o.runs, v, [&] { return floor.evaluate(); });
  measure("writ-jit", "all", n, o.runs, v, [&] { return to_decision_counts(jit_engine.run(all)); });
  measure("writ-interp", "all", n, o.runs, v, [&] { return to_decision_counts(interp_engine.run(interp_all)); });
  measure("cpp-floor", "r5", n, o.runs, v, [&] { return floor.evaluate_r5(); });
  measure("writ-jit", "r5", n, o.runs, v, [&] { return to_decision_counts(jit_engine.run(r5)); });
  return 0;
}

// One generated policy: per-event cost of both engines, which must count the same firings.
void scale_rules(std::size_t rules, const std::vector<PeerEvent>& events, int runs) {
  auto loaded = load_policy(fmt::format("generated_{}.writ", rules), generated_policy(rules));
  auto jit = compile(*loaded, compiler::EngineKind::Jit);
  auto interp = compile(*loaded, compiler::EngineKind::Interpreter);
  WritEngine jit_engine(*jit, events), interp_engine(*interp, events);
  Schedule jit_rules = rule_schedule(*jit->plan), interp_rules = rule_schedule(*interp->plan);
  std::vector<double> jit_ns, interp_ns;
  std::uint64_t fired = 0;
  for (int run = 0; run < runs; ++run) {
    double start = cpu_ms();
    std::uint64_t j = jit_engine.run(jit_rules)[0];
    double mid = cpu_ms();
    std::uint64_t i = interp_engine.run(interp_rules)[0];
    double end = cpu_ms();
    if (i != j) throw std::runtime_error(fmt::format("{} rules: the JIT fired {} rules, the interpreter {}", rules, j, i));
    fired = j;
    jit_ns.push_back((mid - start) * 1e6 / static_cast<double>(events.size()));
    interp_ns.push_back((end - mid) * 1e6 / static_cast<double>(events.size()));
  }
  fmt::print("{{\"curve\":\"rules\",\"rules\":{},\"events\":{},\"fired\":{},\"jit_ns\":{:.2f},\"interp_ns\":{:.2f}}}\n", rules,
             events.size(), fired, median(jit_ns), median(interp_ns));
  std::fflush(stdout);
}

// Compile time of a generated policy: parse + check, then plan + JIT, and plan alone (the
// interpreter's); CPU time, median of `runs` fresh compiles.
void scale_compile(std::size_t rules, int runs) {
  std::string text = generated_policy(rules);
  std::string name = fmt::format("generated_{}.writ", rules);
  std::vector<double> front, jit, plan;
  for (int run = 0; run < runs; ++run) {
    double start = cpu_ms();
    auto loaded = load_policy(name, text);
    double loaded_at = cpu_ms();
    auto j = compile(*loaded, compiler::EngineKind::Jit);
    double jit_at = cpu_ms();
    auto i = compile(*loaded, compiler::EngineKind::Interpreter);
    double end = cpu_ms();
    front.push_back(loaded_at - start);
    jit.push_back(jit_at - loaded_at);
    plan.push_back(end - jit_at);
  }
  fmt::print("{{\"curve\":\"compile\",\"rules\":{},\"bytes\":{},\"front_ms\":{:.2f},\"jit_ms\":{:.2f},\"plan_ms\":{:.2f}}}\n", rules,
             text.size(), median(front), median(jit), median(plan));
  std::fflush(stdout);
}

int scaling(const Options& o) {
  auto events = generate_events(o.events, o.incidents);
  for (std::size_t rules : {10, 100, 1000}) scale_rules(rules, events, o.runs);
  for (std::size_t rules : {10, 100, 300, 1000, 3000}) scale_compile(rules, o.runs);
  return 0;
}

int smoke() {
  auto events = generate_events(kSpecifiedEvents);
  std::string md5 = md5_of_json_lines(events);
  if (md5 != kExpectedMd5) throw std::runtime_error(fmt::format("the generator's md5 is {}, not {}", md5, kExpectedMd5));
  Verdict v{kExpected200k, true};
  CppFloor floor;
  floor.load(events);
  check_counts("cpp-floor", floor.evaluate(), v, false);
  check_counts("cpp-floor r5", floor.evaluate_r5(), v, true);
  auto loaded = load_policy(std::string(WRIT_SOURCE_DIR) + "/bench/peers/governance.writ");
  for (auto kind : {compiler::EngineKind::Jit, compiler::EngineKind::Interpreter}) {
    auto policy = compile(*loaded, kind);
    WritEngine engine(*policy, events);
    std::string name = std::string("writ-") + compiler::engine_kind_name(kind);
    DecisionCounts all = to_decision_counts(engine.run(decision_schedule(*policy->plan)));
    check_counts(name, all, v, false);
    if (fnv1a(all.canonical()) != kExpectedFp) throw std::runtime_error(name + ": fp " + fp_hex(fnv1a(all.canonical())));
    DecisionCounts r5 = to_decision_counts(engine.run(permit_schedule(*policy->plan)));
    check_counts(name + " r5", r5, v, true);
    if (fnv1a(r5.canonical_r5()) != kExpectedR5Fp) throw std::runtime_error(name + ": R5 fp " + fp_hex(fnv1a(r5.canonical_r5())));
  }
  fmt::print("peer workload: md5 {}, fp {} (R5 {}): the C++ floor, the JIT and the interpreter agree on {} events\n", md5,
             fp_hex(kExpectedFp), fp_hex(kExpectedR5Fp), events.size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    Options o = parse_options(argc, argv);
    if (o.command == "generate") return generate(o);
    if (o.command == "run") return run(o);
    if (o.command == "scaling") return scaling(o);
    if (o.command == "smoke") return smoke();
    throw std::runtime_error("unknown command `" + o.command + "`: generate, run, scaling or smoke");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "peer_bench: %s\n", e.what());
    return 1;
  }
}
