// The grammar on its own, without actions: it has no rule that can loop without consuming,
// and each production accepts and rejects what the language reference says.
#include <catch2/catch.hpp>

#include <string>
#include <tao/pegtl/contrib/analyze.hpp>

#include "lang/grammar_errors.hpp"

namespace pg = tao::pegtl;
using namespace writ::lang::grammar;

namespace {

// True when `Rule` matches the whole text; a raised syntax error counts as no match.
template <typename Rule>
bool matches(const std::string& text) {
  pg::memory_input<pg::tracking_mode::lazy> in(text, "test");
  try {
    return pg::parse<seq<Rule, eof>, pg::nothing, error_control>(in);
  } catch (const pg::parse_error&) {
    return false;
  }
}

template <typename Rule>
void verify(std::initializer_list<const char*> accepted, std::initializer_list<const char*> rejected) {
  for (const char* text : accepted) {
    INFO("should accept: " << text);
    CHECK(matches<Rule>(text));
  }
  for (const char* text : rejected) {
    INFO("should reject: " << text);
    CHECK_FALSE(matches<Rule>(text));
  }
}

}  // namespace

TEST_CASE("the grammar has no rule that can loop without consuming input", "[lang]") {
  CHECK(pg::analyze<grammar_root>(-1) == 0);
  CHECK(pg::analyze<message_hole>(-1) == 0);
}

TEST_CASE("grammar: every keyword is reserved, only as a whole word", "[lang]") {
  for (std::string_view keyword : kReservedWords) {
    std::string word(keyword);
    INFO("keyword: " << word);
    CHECK_FALSE(matches<name>(word));
    CHECK_FALSE(matches<enum_word>(word));
    CHECK(matches<name>(word + "_x"));
    CHECK(matches<name>(word + "1"));
  }
  verify<enum_word>({"Escalation", "escalations", "obligation_level", "On"}, {"escalation", "obligation", "on"});
}

TEST_CASE("grammar: names and keywords", "[lang]") {
  verify<name>({"tier", "major_path", "_x1", "onset ", "notify_me"}, {"Tier", "on", "notify", "1x", "a.b", ""});
  verify<enum_word>({"P1", "Tier", "low"}, {"in", "1P"});
  verify<field_name>({"to", "service", "on"}, {"To", "2x"});
  // A keyword may head a dotted event type, never stand alone as one.
  verify<event_type>({"alert.received", "severity.change", "incident.open", "x", "open.x", "policy.updated",
                      "ticket.created.v2"},
                     {"open", "policy", "alert .received", "alert.", "Alert.x", "policy .updated"});
  verify<expr_name>({"event.to", "state.tier", "actor.role", "global.count", "started.vendor", "Tier.P1", "now"},
                    {"state", "event", "if"});
  verify<kw_on>({"on", "on "}, {"onset", "on_x"});
}

TEST_CASE("grammar: literals", "[lang]") {
  verify<duration_lit>({"2d", "1h30m", "250ms", "1_000s", "5sec"}, {"2", "d2"});
  verify<int_lit>({"42", "1_000"}, {"-1", "x"});
  verify<time_lit>({"2026-12-25T08:00:00Z", "2026-12-25T09:00:00+01:00", "2026-12-25T08:00:00.250Z"},
                   {"2026-12-25", "2026-12-25T08:00Z", "2026-12-25T08:00:00"});
  verify<date_lit>({"2026-12-25"}, {"2026-12-2", "20261225"});
  verify<clock_lit>({"08:00", "24:00"}, {"8:00", "08:00:00"});
  verify<percent_lit>({"80%", "5%"}, {"80", "%"});
  verify<string_lit>({"\"\"", "\"a \\\" b\"", "\"{x}\"", "\"bad \\q escape\""}, {"\"a\" \"b\"", "'a'"});
  verify<bool_lit>({"true", "false"}, {"truth", "True"});
}

TEST_CASE("grammar: expressions", "[lang]") {
  verify<expr>(
      {
          "1 + 2 * 3",
          "a < b and not c or d",
          "if a then b else if c then d else e",
          "event.service not in critical_services",
          "event.participants contains all {\"a\", \"b\"}",
          "x contains any {}",
          "vendor_response(event.vendor)",
          "itil.priority(x, y,)",
          "- - 5m",
          "not not x",
          "(a + b) % 2",
          "now - state.opened_at >= 4h",
          "{\"a\", \"b\",}",
          "has(event.expires)",
      },
      {
          "a < b < c",
          "a == == b",
          "if a then b",
          "f (x)",
          "(a",
          "{\"a\" \"b\"}",
          "2026-12-25",
          "state",
          "a +",
          "not",
      });
}

TEST_CASE("grammar: annotations and types", "[lang]") {
  verify<decl_annotation>({"@sensitive", "@owner(\"a\", \"b\")", "@reviewed(\"2026-10-01\")"},
                          {"@", "@ owner", "@owner(1)", "@owner(\"a\""});
  verify<field_type>({"int", "string?", "set<string>", "Tier", "itil.Priority?", "duration"},
                     {"set<int>", "set", "?", "if"});
}

TEST_CASE("grammar: actions", "[lang]") {
  verify<action>(
      {
          "set tier = P2",
          "set global.count = global.count + 1",
          "notify \"on-call\"",
          "notify \"x\" message \"declared {state.tier}\"",
          "emit major.declared",
          "emit major.declared { incident: event.incident, to: 2, }",
          "escalate major_path",
          "stop triage",
          "open ticket \"pm\" owner \"problem\" due 2d",
          "audit \"reclassified\"",
          "close",
      },
      {"set = 1", "notify", "emit {}", "open \"x\"", "audit", "stop on x", "set tier == 1"});
}

TEST_CASE("grammar: declarations", "[lang]") {
  verify<top_item>(
      {
          "policy major_incident version \"1.2.0\"",
          "policy p",
          "import \"stdlib/itil.writ\"",
          "enum Tier { P1, P2, P3, P4, }",
          "const x = {\"a\"}",
          "event a.b {}",
          "event change.requested global { change: string, requester: string @sensitive }",
          "event e { @sensitive who: string, to: int? }",
          "state { tier: Tier = P4 major: bool = false }",
          "global { count: int = 0 }",
          "table t: string -> duration { \"a\" => 2h otherwise => 8h }",
          "table p: (Impact, Urgency) -> Priority { (High, Low) => P3 (Low, High) => P4 otherwise => P5 }",
          "calendar c { zone \"Europe/Brussels\" open mon..fri 08:00..18:00 open sat 09:00..12:00 "
          "closed 2026-12-25, 2026-12-24..2026-12-31 }",
          "services { \"payments\" -> \"db-main\", \"network-core\" \"auth\" -> \"db-main\" }",
          "classify tier on incident.updated { when a => P1 otherwise => P4 }",
          "rule r on incident.updated when a { set major = true }",
          "rule r on 4h after alert.received when state.tier >= P3 { audit \"x\" }",
          "rule r on x {}",
          "permit severity.change when actor.role in {\"a\"}",
          "guard g on fix.applied when event.temporary { deny when x because \"no {event.id}\" }",
          "suppress alert.received when event.severity >= 4",
          "correlate alert.received by event.service within 5m",
          "sla s within 15m during business { start on a when x stop on b pause on c resume on d "
          "warn at 50%, 80% { notify \"x\" } breach { escalate p } met {} }",
          "escalation p { level 1: notify \"a\" level 2 after 15m: { notify \"b\" audit \"c\" } "
          "stop on incident.acknowledged when x repeat 2 after 15m }",
          "obligation o { after a when b require c within 10m where d violation { close } }",
          "obligation o { while a require c every 30m }",
          "freeze f { after a when b for 48h block c, d unless e }",
          "freeze f { from 2026-12-20T00:00:00Z to 2027-01-04T00:00:00Z block c }",
          "measure m from a to b during business target 15m",
          "measure m from a to b",
          "test \"t\" { at 2026-11-26T09:00:00Z a.b { incident: \"I\", to: 2 } as { id: \"bob\" } "
          "at +16m expect breach triage expect notify \"x\" expect no notify \"y\" expect denied because \"z\" "
          "expect allowed expect blocked by f expect blocked expect ticket \"k\" expect state.tier == P1 "
          "expect warn s expect met s expect violation o }",
          "test \"t\" { at 2026-11-26T09:00:00Z policy.updated { policy: \"p\" } expect no violation o "
          "expect no breach s expect no warn s expect no met s expect no ticket \"k\" expect no notify \"x\" "
          "expect suppressed expect correlated expect no suppressed expect no correlated "
          "expect measure time_to_resolve == 2h30m expect global.open_majors == 1 }",
      },
      {
          "policy",
          "policy P",
          "import x",
          "enum Tier {}",
          "enum in { A }",
          "const x 1",
          "const rule = 1",
          "event a.b { x }",
          "state { x: int }",
          "table t: string { }",
          "calendar c { open mon 8:00..18:00 }",
          "calendar c { closed 2026-12-25.. }",
          "classify tier on x { when a P1 }",
          "rule r on x when a",
          "rule r x {}",
          "permit x",
          "guard g on x { deny x }",
          "correlate a by b",
          "sla s within 15m { start a }",
          "sla s within 15m { warn at 50 {} }",
          "escalation p { level: notify \"a\" }",
          "obligation o { require a }",
          "freeze f { from 2026-12-20 to 2027-01-04T00:00:00Z }",
          "measure m from a",
          "test t {}",
          "test \"t\" { expect nothing }",
          "test \"t\" { expect no denied }",
          "test \"t\" { expect no measure m == 1h }",
          "test \"t\" { expect measure m }",
          "test \"t\" { expect global == 1 }",
          "test \"t\" { expect no state.tier == P1 }",
          "rule r on open {}",
          "event policy global {}",
          "test \"t\" { at 16m }",
          "notify \"x\"",
      });
}

TEST_CASE("grammar: message holes", "[lang]") {
  verify<message_hole>({"event.incident", " state.tier ", "len(x) + 1"}, {"", "a b", "a +"});
}
