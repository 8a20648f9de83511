// One small policy per diagnostic the checker reports: the exact code, line and column,
// and nothing else (so no cascade follows the first error).
#include <catch2/catch.hpp>

#include "tests/support/checked_program.hpp"

using namespace writ;

namespace {

struct ErrorCase {
  const char* name;
  const char* source;
  const char* code;
  std::uint32_t line;
  std::uint32_t column;
  const char* imported = nullptr;  // a module the source imports as `lib`
};

constexpr const char* kLib = R"(policy lib
event a.x { n: int }
const limit = 3
)";

constexpr const char* kLibEnums = R"(policy lib
enum Impact { Low, High }
enum Urgency { Low, High }
)";

const ErrorCase kCases[] = {
    // ---- names
    {"a constant declared twice", "const a = 1\nconst a = 2\n", "E0300", 2, 7},
    {"an enum value declared twice", "enum Tier { P1, P2, P1 }\n", "E0300", 1, 21},
    {"a state field declared twice", "state {\n  tier: int = 1\n  tier: int = 2\n}\n", "E0300", 3, 3},
    {"a schema field named like a built-in one", "event a.x { incident: string }\n", "E0300", 1, 13},
    {"an unknown constant", "const a = b + 1\n", "E0301", 1, 11},
    {"an unknown calendar", "event a.x {}\nsla s within 1h during biz {\n  start on a.x\n}\n", "E0301", 2, 24},
    {"an unknown ladder", "event a.x {}\nrule r on a.x {\n  escalate nope\n}\n", "E0301", 3, 12},
    {"an unknown member of an imported module", "import \"lib.writ\"\nconst x = lib.nope\n", "E0301", 2, 15, kLib},
    {"an unknown event type", "rule r on alert.recieved {\n  close\n}\n", "E0302", 1, 11},
    {"an unknown emitted type", "event a.x {}\nrule r on a.x {\n  emit b.z\n}\n", "E0302", 3, 8},
    {"an unknown event field", "event a.x { severity: int }\nrule r on a.x when event.sevrity > 2 {\n  close\n}\n",
     "E0303", 2, 26},
    {"an unknown state field", "state { tier: int = 1 }\nevent a.x {}\nrule r on a.x when state.tir > 1 {\n  close\n}\n",
     "E0303", 3, 26},
    {"`incident` on a global event", "event c.r global {}\npermit c.r when event.incident == \"x\"\n", "E0303", 2, 23},
    {"a value the expected enum lacks", "enum Tier { P1, P2 }\nstate { tier: Tier = P3 }\n", "E0304", 2, 22},
    {"a qualified value the enum lacks", "enum Tier { P1, P2 }\nconst x = Tier.P9\n", "E0304", 2, 16},
    {"a bare value of two enums", "enum A { Low, High }\nenum B { Low, High }\nconst x = Low\n", "E0305", 3, 11},
    {"escalating an SLA", "event a.x {}\nsla s within 1h {\n  start on a.x\n}\nrule r on a.x {\n  escalate s\n}\n",
     "E0306", 6, 12},
    {"a calendar used as a value",
     "calendar biz {\n  zone \"UTC\"\n  open mon..fri 08:00..18:00\n}\nconst x = biz\n", "E0306", 5, 11},
    // ---- types
    {"a condition that is not a bool", "event a.x { severity: int }\nrule r on a.x when event.severity {\n  close\n}\n",
     "E0400", 2, 20},
    {"comparing an int with a string", "event a.x { severity: int }\npermit a.x when event.severity == \"high\"\n",
     "E0400", 2, 17},
    {"adding two times", "event a.x {}\nrule r on a.x when event.at + event.at > now {\n  close\n}\n", "E0400", 2, 20},
    {"setting a bool to an int", "state { major: bool = false }\nevent a.x {}\nrule r on a.x {\n  set major = 1\n}\n",
     "E0400", 4, 15},
    {"if branches of two types", "const x = if true then 1 else \"a\"\n", "E0400", 1, 11},
    {"an optional state field", "state { t: int? = 1 }\n", "E0400", 1, 12},
    {"a built-in called with two arguments", "const x = lower(\"A\", \"B\")\n", "E0401", 1, 11},
    {"a table called with two keys", "table t: string -> int {\n  otherwise => 1\n}\nconst x = t(\"a\", \"b\")\n", "E0401",
     4, 11},
    {"an optional field read without has", "event a.x { note: string? }\nrule r on a.x when event.note == \"x\" {\n  close\n}\n",
     "E0402", 2, 20},
    {"an optional field in the else branch of `if has`",
     "event a.x { note: string? }\nrule r on a.x when if has(event.note) then event.note == \"x\" else event.note == \"y\" {\n"
     "  close\n}\n",
     "E0402", 2, 67},
    {"state read on a global event",
     "state { major: bool = false }\nevent change.requested global { emergency: bool }\n"
     "permit change.requested when state.major\n",
     "E0403", 3, 30},
    {"state set on a global event",
     "state { major: bool = false }\nevent change.requested global { emergency: bool }\n"
     "rule r on change.requested {\n  set major = true\n}\n",
     "E0403", 4, 7},
    {"started in a rule", "event a.x { vendor: string }\nrule r on a.x when started.vendor == \"x\" {\n  close\n}\n",
     "E0404", 2, 20},
    {"started in an SLA's start condition",
     "event a.x { vendor: string }\nsla s within 1h {\n  start on a.x when started.vendor == \"x\"\n}\n", "E0404", 3, 21},
    {"started in a while obligation",
     "event a.x { v: string }\nobligation o {\n  while true\n  require a.x within 1h where started.v == \"x\"\n}\n",
     "E0404", 4, 31},
    {"event in an SLA breach",
     "event a.x { vendor: string }\nsla s within 1h {\n  start on a.x\n  breach { notify event.vendor }\n}\n", "E0405", 4,
     19},
    {"event in a ladder level", "event a.x { vendor: string }\nescalation e {\n  level 1: notify event.vendor\n}\n",
     "E0405", 3, 19},
    {"setting an event field", "event a.x { vendor: string }\nrule r on a.x {\n  set event.vendor = \"x\"\n}\n", "E0406",
     3, 7},
    {"setting a constant", "const c = 1\nevent a.x {}\nrule r on a.x {\n  set c = 2\n}\n", "E0406", 4, 7},
    {"has of a field that is always present",
     "event a.x { vendor: string }\nrule r on a.x when has(event.vendor) {\n  close\n}\n", "E0407", 2, 24},
    {"actor in a while condition", "obligation o {\n  while actor.role == \"x\"\n  require a.x within 1h\n}\nevent a.x {}\n",
     "E0408", 2, 9},
    {"actor in an SLA breach", "event a.x {}\nsla s within 1h {\n  start on a.x\n  breach { notify actor.id }\n}\n", "E0408",
     4, 19},
    {"a constant reading the clock", "const x = now\n", "E0409", 1, 11},
    {"an initial value reading the clock", "state { t: time = now }\n", "E0409", 1, 19},
    {"a table key that is not a literal", "const k = \"a\"\ntable t: string -> int {\n  k => 1\n  otherwise => 2\n}\n",
     "E0409", 3, 3},
    {"constants defined in terms of each other", "const a = b\nconst b = a\n", "E0409", 1, 7},
    // ---- static checks
    {"a table without otherwise", "table t: string -> int {\n  \"a\" => 1\n}\n", "E0500", 1, 7},
    {"a narrower row after a wider one",
     "state { tier: int = 1 }\nevent a.x { sev: int }\nclassify tier on a.x {\n  when event.sev <= 3 => 1\n"
     "  when event.sev <= 2 => 2\n  otherwise => 3\n}\n",
     "W0501", 5, 8},
    {"a row after `when true`",
     "state { tier: int = 1 }\nevent a.x { sev: int }\nclassify tier on a.x {\n  when true => 1\n"
     "  when event.sev == 4 => 2\n  otherwise => 3\n}\n",
     "W0501", 5, 8},
    {"a row covered by a set",
     "state { tier: int = 1 }\nevent a.x { svc: string }\nclassify tier on a.x {\n  when event.svc in {\"a\", \"b\"} => 1\n"
     "  when event.svc == \"b\" or event.svc == \"a\" => 2\n  otherwise => 3\n}\n",
     "W0501", 5, 8},
    {"a row covered by two earlier ranges",
     "state { tier: int = 1 }\nevent a.x { sev: int, svc: string }\nclassify tier on a.x {\n"
     "  when event.sev < 2 or event.svc == \"core\" => 1\n  when event.sev >= 2 and event.sev < 5 => 2\n"
     "  when event.sev == 3 and event.svc == \"edge\" => 3\n  otherwise => 4\n}\n",
     "W0501", 6, 8},
    {"two rules emitting each other's trigger",
     "event a.x {}\nevent b.y {}\nrule r1 on a.x {\n  emit b.y\n}\nrule r2 on b.y {\n  emit a.x\n}\n", "E0502", 7, 3},
    {"a rule emitting its own trigger", "event a.x {}\nrule r on a.x {\n  emit a.x\n}\n", "E0502", 3, 3},
    {"a cycle through an SLA breach and a ladder",
     "event a.x {}\nescalation e {\n  level 1: emit a.x\n}\nsla s within 1h {\n  start on a.x\n  breach { escalate e }\n}\n",
     "E0502", 3, 12},
    {"services depending on each other", "services {\n  \"a\" -> \"b\"\n  \"b\" -> \"a\"\n}\n", "E0503", 3, 10},
    {"a ladder with no levels", "escalation e {\n}\n", "E0504", 1, 12},
    {"ladder levels out of order", "escalation e {\n  level 1: notify \"a\"\n  level 3: notify \"b\"\n}\n", "E0505", 3, 3},
    {"an unknown zone", "calendar biz {\n  zone \"Europe/Brusels\"\n  open mon..fri 08:00..18:00\n}\n", "E0506", 2, 8},
    {"opening hours that run backwards", "calendar biz {\n  zone \"UTC\"\n  open mon..fri 18:00..08:00\n}\n", "E0507", 3, 3},
    {"weekdays that run backwards", "calendar biz {\n  zone \"UTC\"\n  open fri..mon 08:00..18:00\n}\n", "E0507", 3, 3},
    {"a freeze that ends before it starts",
     "event c.r global {}\nfreeze f {\n  from 2027-01-04T00:00:00Z to 2026-12-20T00:00:00Z\n  block c.r\n}\n", "E0508", 3,
     32},
    {"a table key given twice", "table t: string -> int {\n  \"a\" => 1\n  \"a\" => 2\n  otherwise => 3\n}\n", "E0510", 3,
     3},
    {"a set element given twice", "const s = {\"a\", \"b\", \"a\"}\n", "E0510", 1, 22},
    {"a warning point given twice",
     "event a.x {}\nsla s within 1h {\n  start on a.x\n  warn at 50%, 50% { notify \"x\" }\n}\n", "E0510", 4, 16},
    {"an obligation with both after and while",
     "event a.x {}\nobligation o {\n  after a.x\n  while true\n  require a.x within 1h\n}\n", "E0511", 4, 9},
    {"a second otherwise row", "table t: string -> int {\n  otherwise => 1\n  otherwise => 2\n}\n", "E0511", 3, 3},
    {"an SLA without start", "sla s within 1h {\n  breach { notify \"x\" }\n}\n", "E0512", 1, 5},
    {"an emit that lacks a field", "event a.x {}\nevent b.y { n: int }\nrule r on a.x {\n  emit b.y\n}\n", "E0512", 4, 8},
    {"an obligation without require", "event a.x {}\nobligation o {\n  after a.x\n}\n", "E0512", 2, 12},
    {"a freeze that blocks nothing", "freeze f {\n  from 2026-12-20T00:00:00Z to 2027-01-04T00:00:00Z\n}\n", "E0512", 1, 8},
    {"a calendar without a zone", "calendar biz {\n  open mon..fri 08:00..18:00\n}\n", "E0512", 1, 10},
    {"a malformed review date", "@reviewed(\"last week\")\nconst a = 1\n", "E0513", 1, 1},
    {"@sensitive on a declaration", "@sensitive\nconst a = 1\n", "E0513", 1, 1},
    {"an emitted field given twice",
     "event a.x {}\nevent b.y { n: int }\nrule r on a.x {\n  emit b.y { n: 1, n: 2 }\n}\n", "E0514", 4, 20},
    // ---- contradictions
    {"two classify tables setting one field on one event type",
     "state { t: int = 1 }\nevent a.x { n: int }\nclassify t on a.x {\n  otherwise => 1\n}\n"
     "classify t on a.x {\n  when event.n > 2 => 3\n  otherwise => 2\n}\n",
     "W0516", 6, 10},
    {"a permit for an empty set of roles", "event a.x {}\npermit a.x when actor.role in {}\n", "W0517", 2, 17},
    {"a permit for two values of one field at once",
     "event a.x { v: string }\npermit a.x when event.v == \"a\" and event.v == \"b\"\n", "W0517", 2, 36},
    {"a permit that is constantly false", "event a.x {}\nconst maintenance = false\npermit a.x when not true or maintenance\n",
     "W0517", 3, 17},
    {"a ladder repeated zero times", "escalation e {\n  level 1: notify \"a\"\n  repeat 0 after 15m\n}\n", "E0515", 3, 3},
    {"an SLA with a zero target", "event a.x {}\nsla s within 0s {\n  start on a.x\n}\n", "E0515", 2, 14},
    {"a classify without otherwise",
     "state { tier: int = 1 }\nevent a.x { sev: int }\nclassify tier on a.x {\n  when event.sev > 1 => 2\n}\n",
     "E0500", 3, 10},
    {"a classify with two otherwise rows",
     "state { tier: int = 1 }\nevent a.x {}\nclassify tier on a.x {\n  otherwise => 1\n  otherwise => 2\n}\n", "E0511",
     5, 3},
    {"a classify of an unknown state field", "event a.x {}\nclassify tie on a.x {\n  otherwise => 1\n}\n", "E0303", 2,
     10},
    {"a classify value outside the field's enum",
     "enum Tier { P1, P2 }\nstate { tier: Tier = P2 }\nevent a.x {}\nclassify tier on a.x {\n  otherwise => P7\n}\n",
     "E0304", 5, 16},
    {"a classify on a global event",
     "state { tier: int = 1 }\nevent c.r global {}\nclassify tier on c.r {\n  otherwise => 1\n}\n", "E0403", 3, 10},
    {"age on a global event", "event c.r global {}\npermit c.r when age > 1h\n", "E0403", 2, 17},
    {"closed dates that run backwards",
     "calendar biz {\n  zone \"UTC\"\n  open mon..fri 08:00..18:00\n  closed 2026-12-26..2026-12-25\n}\n", "E0507", 4, 10},
    {"a calendar that is never open", "calendar biz {\n  zone \"UTC\"\n}\n", "E0512", 1, 10},
    {"a freeze with both kinds of window",
     "event c.r global {}\nfreeze f {\n  after c.r for 1h\n  from 2026-12-20T00:00:00Z to 2027-01-04T00:00:00Z\n"
     "  block c.r\n}\n",
     "E0511", 4, 8},
    {"a freeze without a window", "event c.r global {}\nfreeze f {\n  block c.r\n}\n", "E0512", 2, 8},
    {"an obligation with neither after nor while", "event a.x {}\nobligation o {\n  require a.x within 1h\n}\n",
     "E0512", 2, 12},
    {"a freeze condition reading a field one blocked type lacks",
     "event c.r global { emergency: bool }\nevent c.s global {}\nfreeze f {\n"
     "  from 2026-12-20T00:00:00Z to 2027-01-04T00:00:00Z\n  block c.r, c.s unless event.emergency\n}\n",
     "E0303", 5, 31},
    {"stopping a rule", "event a.x {}\nrule r on a.x {\n  stop r\n}\n", "E0306", 3, 8},
    {"an emitted field of the wrong type",
     "event a.x {}\nevent b.y { n: int }\nrule r on a.x {\n  emit b.y { n: \"one\" }\n}\n", "E0400", 4, 17},
    {"an emitted field the schema lacks",
     "event a.x {}\nevent b.y { n: int? }\nrule r on a.x {\n  emit b.y { m: 1 }\n}\n", "E0303", 4, 14},
    {"event in an obligation's violation",
     "event a.x { v: string }\nobligation o {\n  after a.x\n  require a.x within 1h\n  violation { audit \"{event.v}\" }\n}\n",
     "E0405", 5, 23},
    {"a string compared with a set", "const s = {\"a\"}\nconst b = \"a\" contains s\n", "E0400", 2, 11},
    {"negating a string", "const x = -\"a\"\n", "E0400", 1, 12},
    {"ordering strings", "const x = \"a\" < \"b\"\n", "E0400", 1, 11},
    {"min of two strings", "const x = min(\"a\", \"b\")\n", "E0400", 1, 15},
    {"has of an expression", "const x = has(1 + 2)\n", "E0407", 1, 15},
    {"an unknown function", "const x = lowr(\"A\")\n", "E0301", 1, 11},
    {"a zero timer delay", "event a.x {}\nrule r on 0s after a.x {\n  close\n}\n", "E0515", 2, 11},
    {"a ticket due at once", "event a.x {}\nrule r on a.x {\n  open ticket \"t\" due 0s\n}\n", "E0515", 3, 23},
    {"an actor field that does not exist", "event a.x {}\npermit a.x when actor.name == \"x\"\n", "E0303", 2, 23},
    {"a table value of the wrong type", "table t: string -> int {\n  otherwise => \"x\"\n}\n", "E0400", 2, 16},
    {"a table key of the wrong type", "table t: string -> int {\n  1 => 2\n  otherwise => 3\n}\n", "E0400", 2, 3},
    {"a table of an unknown enum type", "table t: Tierr -> int {\n  otherwise => 3\n}\n", "E0301", 1, 10},
    {"a test event of an unknown type", "test \"t\" {\n  at 2026-11-26T09:00:00Z a.x {}\n}\n", "E0302", 2, 27},
    {"a test event with an unknown field",
     "event a.x { n: int }\ntest \"t\" {\n  at 2026-11-26T09:00:00Z a.x { n: 1, m: 2 }\n}\n", "E0303", 3, 39},
    {"a test event that lacks a field",
     "event a.x { n: int }\ntest \"t\" {\n  at 2026-11-26T09:00:00Z a.x { incident: \"I-1\" }\n}\n", "E0512", 3, 27},
    {"a test actor with an unknown key",
     "event a.x {}\ntest \"t\" {\n  at 2026-11-26T09:00:00Z a.x {} as { name: \"bob\" }\n}\n", "E0303", 3, 39},
    {"a test expecting the breach of a ladder",
     "escalation e {\n  level 1: notify \"a\"\n}\ntest \"t\" {\n  expect breach e\n}\n", "E0306", 5, 17},
    {"a test expecting an unknown state field", "test \"t\" {\n  expect state.tier == 1\n}\n", "E0303", 2, 16},
    {"two tests with one name", "test \"t\" {\n}\ntest \"t\" {\n}\n", "E0300", 3, 1},
    {"an incident event emitted on a global event",
     "event a.x {}\nevent c.r global {}\nrule r on c.r {\n  emit a.x\n}\n", "E0410", 4, 8},
    {"closing on a global event", "event c.r global {}\nrule r on c.r {\n  close\n}\n", "E0410", 3, 3},
    {"closing in an obligation armed by a global event",
     "event c.r global {}\nevent c.d global {}\nobligation o {\n  after c.r\n  require c.d within 1h\n"
     "  violation { close }\n}\n",
     "E0410", 6, 15},
    {"escalating, from an engine-wide SLA, a ladder that reads the state",
     "state { major: bool = false }\nevent c.r global {}\nescalation l {\n  level 1: notify \"x\" message \"{state.major}\"\n}\n"
     "sla s within 1h {\n  start on c.r\n  breach { escalate l }\n}\n",
     "E0410", 8, 21},
    {"state in the violation of a while obligation on a global field",
     "state { major: bool = false }\nglobal { stale: bool = false }\nevent c.d global {}\nobligation o {\n"
     "  while global.stale\n  require c.d every 1d\n  violation { notify \"x\" message \"{state.major}\" }\n}\n",
     "E0403", 7, 36},
    {"reads of an unknown trigger's event", "rule r on a.x when event.n > 1 and actor.role == \"x\" {\n  close\n}\n",
     "E0302", 1, 11},
    {"values of an unknown enum type", "state { tier: Tierr = P1 }\n", "E0301", 1, 15},
    {"fields emitted to an unknown type", "event a.x {}\nrule r on a.x {\n  emit b.y { tier: P1, n: 1 + 1 }\n}\n",
     "E0302", 3, 8},
    {"a name under an unknown module", "const x = nolib.y\n", "E0301", 1, 11},
    {"a calendar under an unknown module", "event a.x {}\nsla s within 1h during nolib.cal {\n  start on a.x\n}\n",
     "E0301", 2, 24},
    {"a member of a constant", "const c = 1\nconst x = c.y\n", "E0306", 2, 11},
    {"calling a calendar", "calendar biz {\n  zone \"UTC\"\n  open mon..fri 08:00..18:00\n}\nconst x = biz(1)\n",
     "E0306", 5, 11},
    {"business_elapsed without a calendar name",
     "event a.x {}\nrule r on a.x when business_elapsed(event.at, event.at, 1) > 1h {\n  close\n}\n", "E0400", 2, 57},
    {"business_elapsed with an unknown calendar",
     "event a.x {}\nrule r on a.x when business_elapsed(event.at, event.at, biz) > 1h {\n  close\n}\n", "E0301", 2, 57},
    {"setting opened_at", "event a.x {}\nrule r on a.x {\n  set state.opened_at = now\n}\n", "E0406", 3, 7},
    {"setting an unknown global field", "event a.x {}\nrule r on a.x {\n  set global.x = 1\n}\n", "E0303", 3, 14},
    {"a state field named opened_at", "state { opened_at: time = 2026-01-01T00:00:00Z }\n", "E0300", 1, 9},
    {"a field typed differently in two blocked types",
     "event c.r global { e: bool }\nevent c.s global { e: int }\nfreeze f {\n"
     "  from 2026-12-20T00:00:00Z to 2027-01-04T00:00:00Z\n  block c.r, c.s unless event.e\n}\n",
     "E0400", 5, 31},
    {"a row with too few keys", "table t: (string, string) -> int {\n  \"a\" => 1\n  otherwise => 2\n}\n", "E0401", 2, 3},
    {"not of an int", "const x = not 1\n", "E0400", 1, 15},
    {"an event type declared twice", "event a.x {}\nevent a.x {}\n", "E0300", 2, 7},
    {"an event field declared twice", "event a.x { n: int, n: int }\n", "E0300", 1, 21},
    {"an event field named like a built-in one", "event a.x { at: time }\n", "E0300", 1, 13},
    {"an event field named actor", "event a.x { n: int, actor: string }\n", "E0300", 1, 21},
    {"@owner without an owner", "@owner\nconst a = 1\n", "E0513", 1, 1},
    {"@rationale with two texts", "@rationale(\"a\", \"b\")\nconst a = 1\n", "E0513", 1, 1},
    {"@sensitive with an argument", "event a.x { who: string @sensitive(\"yes\") }\n", "E0513", 1, 25},
    {"a bare value of two enums of a module", "import \"lib.writ\"\nconst x = lib.Low\n", "E0305", 2, 11, kLibEnums},
    {"a qualified value of an imported enum", "import \"lib.writ\"\nconst x = lib.Impact.Medium\n", "E0304", 2, 22,
     kLibEnums},
    // ---- modules
    {"an event type redeclared with other fields", "import \"lib.writ\"\nevent a.x { n: string }\n", "E0203", 2, 7, kLib},
};

}  // namespace

TEST_CASE("each checker diagnostic points at the offending text", "[lang][checker]") {
  for (const ErrorCase& c : kCases) {
    DYNAMIC_SECTION(c.name) {
      std::optional<test::SourceText> lib;
      if (c.imported) lib = test::SourceText{"lib.writ", c.imported};
      auto run = test::check_texts({{"policy.writ", c.source}}, lib);
      INFO(run->rendered());
      REQUIRE(run->parse_errors == 0);
      REQUIRE(run->diags.all().size() == 1);
      const lang::Diagnostic& d = run->diags.all().front();
      CHECK(lang::code_string(d.code) == c.code);
      lang::LineCol at = run->sources.file(d.span.file).line_col(d.span.begin);
      CHECK(at.line == c.line);
      CHECK(at.column == c.column);
      CHECK(run->ok == (c.code[0] == 'W'));
    }
  }
}

TEST_CASE("a stale review is a warning, a recent one is not", "[lang][checker]") {
  lang::CheckOptions options;
  options.stale_after_ms = 365 * 86'400'000LL;
  options.today_ms = 1'795'651'200'000LL;  // 2026-11-26
  auto stale = test::check_text("@reviewed(\"2025-06-01\")\nconst a = 1\n", options);
  INFO(stale->rendered());
  REQUIRE(stale->diags.all().size() == 1);
  CHECK(stale->diags.all().front().code == lang::Code::StaleReview);
  CHECK(stale->ok);
  auto fresh = test::check_text("@reviewed(\"2026-10-01\")\nconst a = 1\n", options);
  CHECK(fresh->diags.all().empty());
}

TEST_CASE("one run reports several independent errors", "[lang][checker]") {
  auto run = test::check_text(
      "const a = nope\n"
      "state { tier: int = \"x\" }\n"
      "escalation e {\n}\n"
      "rule r on nothing.here {\n  close\n}\n");
  INFO(run->rendered());
  std::vector<std::string> codes;
  for (const auto& d : run->diags.all()) codes.emplace_back(lang::code_string(d.code));
  CHECK(codes == std::vector<std::string>{"E0301", "E0400", "E0504", "E0302"});
}

TEST_CASE("an error inside an expression does not cascade", "[lang][checker]") {
  auto run = test::check_text(
      "event a.x { n: int }\n"
      "rule r on a.x when (nope + 1) * 2 > event.n and lower(nope2) == \"a\" or event.m {\n"
      "  set nothing = nope3\n"
      "}\n");
  INFO(run->rendered());
  std::vector<std::string> codes;
  for (const auto& d : run->diags.all()) codes.emplace_back(lang::code_string(d.code));
  // `nope3` is not reported: the field it is assigned to is unknown, so it may well be a
  // value of that field's enum.
  CHECK(codes == std::vector<std::string>{"E0301", "E0301", "E0303", "E0303"});
}
