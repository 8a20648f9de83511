// The embedding API (include/writ/) through its public headers: compiling with diagnostics,
// engines fed JSON lines and typed events, would_allow() without side effects, a shared
// Policy, the audit trail. The policy is tests/fixtures/engine/admission.writ.
#include <catch2/catch.hpp>

#include <filesystem>
#include <thread>

#include "runtime/audit_verify.hpp"
#include "writ/writ.hpp"

namespace {

using namespace std::chrono_literals;

writ::EngineOptions trail_options(const std::string& path, std::int64_t batch) {
  writ::EngineOptions options;
  options.audit_path = path;
  options.audit_batch = batch;
  return options;
}

writ::EngineOptions wall_clock() {
  writ::EngineOptions options;
  options.clock = writ::Clock::Wall;
  return options;
}

std::string fixture() { return std::string(WRIT_TESTS_DIR) + "/fixtures/engine/admission.writ"; }

writ::Policy compile_fixture(writ::EngineKind kind = writ::EngineKind::Auto) {
  writ::CompileResult result = writ::compile({fixture()}, writ::CompileOptions{kind, {}});
  INFO(result.text());
  REQUIRE(result.ok());
  return *result.policy;
}

writ::Time at(const char* text) { return *writ::parse_time(text); }

// Every decision as its JSON line.
struct Recorder {
  std::vector<std::string> lines;
  void attach(writ::Engine& engine) {
    engine.on_decision([this](const writ::Decision& d) { lines.push_back(d.json()); });
  }
};

// A day of the admission policy: a denied and a permitted severity change, a guard, a major
// incident whose resolution starts the 48h freeze, a blocked change and an emergency one.
const std::vector<std::string> kStream = {
    R"({"type":"severity.change","at":"2026-11-26T09:00:00Z","incident":"INC-1","to":2,"actor":{"id":"bob","role":"observer"}})",
    R"({"type":"severity.change","at":"2026-11-26T09:01:00Z","incident":"INC-1","to":2,"actor":{"id":"ann","role":"triage_lead"},"id":"e-1"})",
    R"({"type":"failover.requested","at":"2026-11-26T09:02:00Z","incident":"INC-2","replication_lag":"9s","data_consistent":false})",
    R"({"type":"alert.received","at":"2026-11-26T09:03:00Z","incident":"INC-4","service":"db","severity":1})",
    R"({"type":"incident.resolved","at":"2026-11-26T10:00:00Z","incident":"INC-4"})",
    R"({"type":"change.requested","at":"2026-11-26T11:00:00Z","change":"CHG-1","emergency":false})",
    R"({"type":"change.requested","at":"2026-11-26T11:01:00Z","change":"CHG-2","emergency":true,"actor":{"id":"carl","role":"cab_chair"}})",
    R"({"type":"change.requested","at":"2026-11-28T11:00:00Z","change":"CHG-3","emergency":false})",
};

std::vector<std::string> replay(const writ::Policy& policy) {
  writ::Engine engine(policy);
  Recorder out;
  out.attach(engine);
  for (const auto& line : kStream) engine.submit(line);
  return out.lines;
}

bool has(const std::vector<std::string>& lines, const std::string& text) {
  for (const auto& l : lines) {
    if (l.find(text) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("embedding: a policy with errors gives diagnostics and no policy") {
  writ::CompileResult result = writ::compile_source("bad.writ", "policy bad\nevent x { n: int }\nrule r on x when event.m > 1 { notify \"a\" }\n");
  CHECK_FALSE(result.ok());
  REQUIRE_FALSE(result.diagnostics.empty());
  const writ::Diagnostic& d = result.diagnostics.front();
  CHECK(d.severity == writ::Diagnostic::Severity::Error);
  CHECK(d.file == "bad.writ");
  CHECK(d.line == 3);
  CHECK(d.code.rfind('E', 0) == 0);
  CHECK(d.text.find("bad.writ:3:") != std::string::npos);
  CHECK(result.text() == d.text);
}

TEST_CASE("embedding: a compiled policy names its hash, engine and event types") {
  writ::Policy policy = compile_fixture(writ::EngineKind::Interpreter);
  CHECK(policy.hash().size() == 64);
  CHECK(policy.engine() == writ::EngineKind::Interpreter);
  auto types = policy.event_types();
  CHECK(std::find(types.begin(), types.end(), "change.requested") != types.end());
  CHECK(writ::compile({"/no/such/policy.writ"}).ok() == false);
}

TEST_CASE("embedding: an engine decides as writ replay does, under both engines") {
  std::vector<std::string> jit = replay(compile_fixture(writ::EngineKind::Jit));
  std::vector<std::string> interp = replay(compile_fixture(writ::EngineKind::Interpreter));
  CHECK(jit == interp);
  CHECK(has(jit, R"("kind":"denied")"));
  CHECK(has(jit, R"x("reason":"no permit for severity.change holds (actor role \"observer\")")x"));
  CHECK(has(jit, R"("reason":"replication lag 9s exceeds 5s")"));
  CHECK(has(jit, R"("reason":"blocked by freeze `post_major` until 2026-11-28T10:00:00Z")"));
  CHECK(jit.front().rfind(R"({"seq":1,)", 0) == 0);
}

TEST_CASE("embedding: typed events are the JSON lines they stand for") {
  writ::Event change("change.requested", at("2026-11-26T11:01:00Z"));
  change.set("change", "CHG-2").set("emergency", true).actor("carl", "cab_chair");
  CHECK(change.json() ==
        R"({"type":"change.requested","at":"2026-11-26T11:01:00Z","change":"CHG-2","emergency":true,"actor":{"id":"carl","role":"cab_chair"}})");
  writ::Event failover("failover.requested", at("2026-11-26T09:02:00Z"));
  failover.incident("INC-2").set("replication_lag", writ::Duration(9s)).set("data_consistent", false).id("f-1");
  CHECK(failover.json() ==
        R"({"type":"failover.requested","at":"2026-11-26T09:02:00Z","incident":"INC-2","replication_lag":"9s","data_consistent":false,"id":"f-1"})");
  writ::Event other("x", at("2026-11-26T09:00:00Z"));
  other.set("n", 3).set("when", at("2026-11-26T09:00:00.250Z")).set("tags", std::vector<std::string>{"a", "b\"c"});
  CHECK(other.json() == R"({"type":"x","at":"2026-11-26T09:00:00Z","n":3,"when":"2026-11-26T09:00:00.250Z","tags":["a","b\"c"]})");
  CHECK_THROWS_AS(writ::Event("x", at("2026-11-26T09:00:00Z")).set("incident", "INC-1"), writ::Error);
  CHECK_THROWS_AS(writ::Event("x", at("2026-11-26T09:00:00Z")).set("n", 1).set("n", 2), writ::Error);
  CHECK_THROWS_AS(writ::Event("x", at("2026-11-26T09:00:00Z")).set("d", writ::Duration(-1s)), writ::Error);
}

TEST_CASE("embedding: a bad line and a typed event of the wrong schema are rejected, not thrown") {
  writ::Engine engine(compile_fixture());
  Recorder out;
  out.attach(engine);
  engine.submit("{not json");
  engine.submit(writ::Event("alert.received", at("2026-11-26T09:00:00Z")).incident("INC-1").set("service", 3));
  REQUIRE(out.lines.size() == 2);
  CHECK(has({out.lines[0]}, R"("kind":"rejected")"));
  CHECK(has({out.lines[1]}, "field `service` of alert.received"));
}

TEST_CASE("embedding: would_allow answers as submit would, before it") {
  writ::Engine engine(compile_fixture());
  std::vector<writ::Decision> decided;
  engine.on_decision([&](const writ::Decision& d) { decided.push_back(d); });
  for (std::size_t i = 0; i < 5; ++i) engine.submit(kStream[i]);

  writ::Event change("change.requested", at("2026-11-26T11:00:00Z"));
  change.set("change", "CHG-1").set("emergency", false);
  writ::Admission answer = engine.would_allow(change);
  CHECK_FALSE(answer.allowed);
  REQUIRE(answer.refusals.size() == 1);
  const writ::Decision& refusal = answer.refusals.front();
  CHECK(refusal.kind == "blocked");
  CHECK(refusal.name == "post_major");
  CHECK(refusal.seq == 0);
  CHECK(refusal.at == at("2026-11-26T11:00:00Z"));

  std::size_t before = decided.size();
  engine.submit(change);
  REQUIRE(decided.size() == before + 2);  // the event, then its refusal
  CHECK(decided[before].kind == "event");
  writ::Decision applied = decided.back();
  applied.seq = 0;
  CHECK(applied.json() == refusal.json());

  writ::Event emergency("change.requested", at("2026-11-26T11:01:00Z"));
  emergency.set("change", "CHG-2").set("emergency", true).actor("carl", "cab_chair");
  CHECK(engine.would_allow(emergency).allowed);
  // After the freeze: the query reads the freeze at the event's time.
  writ::Event later("change.requested", at("2026-11-28T10:00:00Z"));
  later.set("change", "CHG-3").set("emergency", false);
  CHECK(engine.would_allow(later).allowed);
}

TEST_CASE("embedding: would_allow gives every guard reason and the rejections of submit") {
  writ::Engine engine(compile_fixture());
  engine.submit(kStream[1]);  // id e-1, at 09:01
  writ::Admission guard = engine.would_allow(kStream[2]);
  CHECK_FALSE(guard.allowed);
  REQUIRE(guard.refusals.size() == 2);
  CHECK(guard.refusals[0].reason == "replication lag 9s exceeds 5s");
  CHECK(guard.refusals[1].reason == "data consistency not confirmed");

  writ::Admission old = engine.would_allow(kStream[0]);
  REQUIRE(old.refusals.size() == 1);
  CHECK(old.refusals[0].kind == "rejected");
  CHECK(old.refusals[0].reason ==
        "event at 2026-11-26T09:00:00Z is older than the engine clock (2026-11-26T09:01:00Z)");
  writ::Admission again = engine.would_allow(
      writ::Event("incident.resolved", at("2026-11-26T09:05:00Z")).incident("INC-1").id("e-1"));
  REQUIRE(again.refusals.size() == 1);
  CHECK(again.refusals[0].reason == "duplicate id `e-1`");
  writ::Admission bad = engine.would_allow("{}");
  REQUIRE(bad.refusals.size() == 1);
  CHECK(bad.refusals[0].kind == "rejected");
}

TEST_CASE("embedding: queries leave no trace: the same stream with and without them decides the same") {
  writ::Policy policy = compile_fixture();
  std::vector<std::string> plain = replay(policy);
  writ::Engine engine(policy);
  Recorder out;
  out.attach(engine);
  for (const auto& line : kStream) {
    // New strings (an unseen incident and service), the id a later event carries (a query
    // that recorded it would have that event rejected), a time ahead of the stream.
    engine.would_allow(writ::Event("alert.received", at("2026-11-28T00:00:00Z"))
                           .incident("INC-Q")
                           .set("service", "query-only")
                           .set("severity", 1)
                           .id("e-1"));
    engine.would_allow(line);
    engine.submit(line);
  }
  CHECK(out.lines == plain);
}

TEST_CASE("embedding: engines sharing one policy decide as engines with their own, also on two threads") {
  std::vector<std::string> own_a = replay(compile_fixture());
  std::vector<std::string> own_b = replay(compile_fixture());
  writ::Policy shared = compile_fixture();
  std::vector<std::string> a, b;
  {
    writ::Engine first(shared), second(shared);
    Recorder ra, rb;
    ra.attach(first);
    rb.attach(second);
    for (const auto& line : kStream) {  // interleaved on one thread
      first.submit(line);
      second.submit(line);
    }
    a = ra.lines;
    b = rb.lines;
  }
  CHECK(a == own_a);
  CHECK(b == own_b);
  std::vector<std::vector<std::string>> threaded(4);
  std::vector<std::thread> threads;
  for (auto& out : threaded) threads.emplace_back([&out, &shared] {
    for (int i = 0; i < 20; ++i) out = replay(shared);
  });
  for (auto& t : threads) t.join();
  for (const auto& out : threaded) CHECK(out == own_a);
}

TEST_CASE("embedding: an engine writes a verifiable audit trail, and refuses an existing one") {
  std::string path = (std::filesystem::temp_directory_path() / "writ-api-audit-test.db").string();
  std::filesystem::remove(path);
  {
    writ::Engine engine(compile_fixture(), trail_options(path, 3));
    for (const auto& line : kStream) engine.submit(line);
    engine.advance_to(at("2026-11-29T00:00:00Z"));
  }
  auto report = writ::runtime::verify_trail(path);
  REQUIRE(report.ok());
  CHECK(report.value().ok);
  CHECK(report.value().records == static_cast<std::int64_t>(replay(compile_fixture()).size()));
  CHECK_THROWS_AS(writ::Engine(compile_fixture(), trail_options(path, 1000)),
                  writ::Error);
  std::filesystem::remove(path);
}

TEST_CASE("embedding: under the wall clock an event is applied when it is submitted") {
  writ::Engine engine(compile_fixture(), wall_clock());
  std::vector<writ::Decision> decided;
  engine.on_decision([&](const writ::Decision& d) { decided.push_back(d); });
  auto before = std::chrono::time_point_cast<writ::Duration>(std::chrono::system_clock::now());
  engine.submit(kStream[0]);  // its `at` is in the past: applied now all the same
  REQUIRE_FALSE(decided.empty());
  CHECK(decided.front().kind == "event");
  CHECK(decided.front().at >= before);
  CHECK(engine.clock() >= before);
}

TEST_CASE("embedding: on the virtual clock a rejected line keeps its own time") {
  writ::Engine engine(compile_fixture());
  std::vector<writ::Decision> decided;
  engine.on_decision([&](const writ::Decision& d) { decided.push_back(d); });
  engine.submit(kStream[0]);
  engine.submit(R"({"type":"severity.chnage","at":"2026-11-26T09:30:00Z","incident":"INC-1"})");
  REQUIRE(decided.back().kind == "rejected");
  CHECK(decided.back().at == at("2026-11-26T09:30:00Z"));
  CHECK(engine.clock() == at("2026-11-26T09:00:00Z"));
}
