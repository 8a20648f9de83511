// Embedding Writ: compile a small change-governance policy, feed an engine a few events (a
// JSON line and typed events), print its decisions, and ask whether a change is allowed
// during the freeze a major incident started, before and after it ends. The decisions go to
// an audit trail (the file named by the first argument); half way the application stops,
// as a deploy or a crash would stop it, and a new engine resumes the trail, freeze included.
#include <writ/writ.hpp>

#include <filesystem>
#include <iostream>
#include <string>

namespace {

const char* kPolicy = R"(policy change_governance

event alert.received { service: string, severity: int }
event incident.resolved {}
event change.requested global { change: string, emergency: bool }

state {
  major: bool = false
}

rule mark_major on alert.received when event.severity == 1 {
  set major = true
  notify "incident-commander" message "major incident on {event.service}"
}

freeze after_major {
  after incident.resolved when state.major for 24h
  block change.requested unless event.emergency and actor.role == "cab_chair"
}
)";

writ::Time at(const char* text) { return *writ::parse_time(text); }

void print(const writ::Decision& d) {
  std::cout << d.seq << ' ' << writ::format_time(d.at) << ' ' << d.kind;
  if (!d.incident.empty()) std::cout << ' ' << d.incident;
  if (!d.name.empty()) std::cout << " [" << d.construct << ' ' << d.name << ']';
  if (!d.target.empty()) std::cout << " -> " << d.target;
  if (!d.message.empty()) std::cout << ": " << d.message;
  if (!d.reason.empty()) std::cout << ": " << d.reason;
  std::cout << '\n';
}

void ask(writ::Engine& engine, const writ::Event& change) {
  writ::Admission answer = engine.would_allow(change);
  std::cout << "allowed at " << writ::format_time(change.at()) << "? " << (answer.allowed ? "yes" : "no");
  for (const writ::Decision& why : answer.refusals) std::cout << " (" << why.reason << ")";
  std::cout << '\n';
}

void remove_trail(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

// A major incident, resolved: its freeze starts. Then the application stops, and the
// engine's destructor commits the trail.
void before_restart(const writ::Policy& policy, const writ::EngineOptions& audited) {
  writ::Engine engine(policy, audited);
  engine.on_decision(print);
  engine.submit(R"({"type":"alert.received","at":"2026-11-26T09:00:00Z","incident":"INC-7","service":"payments","severity":1})");
  engine.submit(writ::Event("incident.resolved", at("2026-11-26T11:00:00Z")).incident("INC-7"));
}

// A new engine on the same trail: it has the freeze back, and its decisions go on the chain.
void after_restart(const writ::Policy& policy, writ::EngineOptions resumed) {
  resumed.audit_resume = true;
  writ::Engine engine(policy, resumed);
  engine.on_decision(print);
  std::cout << "resumed after event " << engine.position() << '\n';

  writ::Event change("change.requested", at("2026-11-26T12:00:00Z"));
  change.set("change", "CHG-4411").set("emergency", false).actor("ann", "engineer");
  ask(engine, change);
  writ::Event after("change.requested", at("2026-11-27T11:00:00Z"));
  after.set("change", "CHG-4411").set("emergency", false).actor("ann", "engineer");
  ask(engine, after);

  engine.submit(change);  // refused: the same answer, now recorded
  engine.submit(writ::Event("change.requested", at("2026-11-26T12:05:00Z"))
                    .set("change", "CHG-4412")
                    .set("emergency", true)
                    .actor("carl", "cab_chair"));
}

}  // namespace

int main(int argc, char** argv) {
  writ::CompileOptions options;
  options.stdlib_dir = WRIT_STDLIB_DIR;
  writ::CompileResult compiled = writ::compile_source("change_governance.writ", kPolicy, options);
  if (!compiled.ok()) {
    std::cerr << compiled.text();
    return 1;
  }
  writ::EngineOptions audited;
  audited.audit_path = argc > 1 ? argv[1] : "embed-example-trail.db";
  remove_trail(audited.audit_path);
  before_restart(*compiled.policy, audited);
  after_restart(*compiled.policy, audited);
  remove_trail(audited.audit_path);
  return 0;
}
