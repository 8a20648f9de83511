#include "runtime/event_decoder.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "lang/literals.hpp"
#include "runtime/decoded_event.hpp"
#include "tests/support/decoder_fixture.hpp"

using namespace writ;
using runtime::RejectReason;
using test::DecoderFixture;

namespace {

const char* const kPolicy = R"(
enum Tier { P1, P2, P3, P4 }
event alert.received { service: string, severity: int, source: string }
event bridge.opened { participants: set<string> }
event fix.applied { temporary: bool, expires: time?, followup: string? }
event change.requested global { change: string, emergency: bool }
event typed.fields {
  b: bool, i: int, s: string, d: duration, t: time, tags: set<string>, tier: Tier,
  ob: bool?, oi: int?, os: string?, od: duration?, ot: time?, otags: set<string>?, otier: Tier?
}
)";

// A JSON object as members with raw JSON values, in order, so a case changes one member.
struct Line {
  std::vector<std::pair<std::string, std::string>> members;

  Line with(const std::string& key, const std::string& raw) const {
    Line out = *this;
    for (auto& [k, v] : out.members) {
      if (k == key) {
        v = raw;
        return out;
      }
    }
    out.members.emplace_back(key, raw);
    return out;
  }
  Line plus(const std::string& key, const std::string& raw) const {
    Line out = *this;
    out.members.emplace_back(key, raw);
    return out;
  }
  Line reversed() const {
    Line out = *this;
    std::reverse(out.members.begin(), out.members.end());
    return out;
  }
  Line without(const std::string& key) const {
    Line out = *this;
    std::erase_if(out.members, [&](const auto& m) { return m.first == key; });
    return out;
  }
  std::string str() const {
    std::string out = "{";
    for (const auto& [k, v] : members) out += (out.size() > 1 ? "," : "") + ("\"" + k + "\":") + v;
    return out + "}";
  }
};

Line alert() {
  return Line{{{"type", R"("alert.received")"},
               {"at", R"("2026-11-26T09:00:00Z")"},
               {"incident", R"("INC-1")"},
               {"service", R"("payments")"},
               {"severity", "2"},
               {"source", R"("prometheus")"}}};
}

Line typed_fields() {
  return Line{{{"type", R"("typed.fields")"},
               {"at", R"("2026-11-26T09:00:00Z")"},
               {"incident", R"("INC-7")"},
               {"b", "true"},
               {"i", "-42"},
               {"s", R"("hello")"},
               {"d", R"("1h30m")"},
               {"t", R"("2026-12-25T09:00:00+01:00")"},
               {"tags", R"(["db", "auth"])"},
               {"tier", R"("P3")"}}};
}

Line change() {
  return Line{{{"type", R"("change.requested")"},
               {"at", R"("2026-11-26T09:00:00Z")"},
               {"change", R"("CHG-9")"},
               {"emergency", "false"}}};
}

std::unique_ptr<DecoderFixture> fixture(runtime::DecoderOptions options = {}) { return test::decoder_for(kPolicy, options); }

std::int64_t ms(const char* time) { return *lang::parse_time(time); }

}  // namespace

TEST_CASE("every field type decodes into its layout word", "[runtime][decode]") {
  auto f = fixture();
  runtime::DecodedEvent e = f->accept(typed_fields().str());
  CHECK(e.type == "typed.fields");
  CHECK(test::word(e, "b") == 1);
  CHECK(test::word(e, "i") == -42);
  CHECK(test::text(*f, e, "s") == "hello");
  CHECK(test::word(e, "d") == 90 * 60 * 1000);
  CHECK(test::word(e, "t") == ms("2026-12-25T08:00:00Z"));
  CHECK(test::sorted(test::set_texts(*f, e, "tags")) == std::vector<std::string>{"auth", "db"});
  CHECK(test::word(e, "tier") == 2);
  for (const char* optional : {"ob", "oi", "os", "od", "ot", "otags", "otier"}) {
    INFO(optional);
    CHECK_FALSE(test::present(e, optional));
    CHECK(test::word(e, optional) == 0);
  }
}

TEST_CASE("optional fields decode when given and are absent when left out or null", "[runtime][decode]") {
  auto f = fixture();
  Line given = typed_fields()
                   .with("ob", "false")
                   .with("oi", "7")
                   .with("os", R"("")")
                   .with("od", R"("250ms")")
                   .with("ot", R"("1970-01-01T00:00:00Z")")
                   .with("otags", "[]")
                   .with("otier", R"("P1")");
  runtime::DecodedEvent e = f->accept(given.str());
  for (const char* optional : {"ob", "oi", "os", "od", "ot", "otags", "otier"}) {
    INFO(optional);
    CHECK(test::present(e, optional));
  }
  CHECK(test::word(e, "oi") == 7);
  CHECK(test::word(e, "od") == 250);
  CHECK(test::word(e, "ot") == 0);
  CHECK(test::word(e, "otier") == 0);
  CHECK(test::text(*f, e, "os").empty());

  Line nulls = typed_fields();
  for (const char* optional : {"ob", "oi", "os", "od", "ot", "otags", "otier"}) nulls = nulls.with(optional, "null");
  runtime::DecodedEvent n = f->accept(nulls.str());
  for (const char* optional : {"ob", "oi", "os", "od", "ot", "otags", "otier"}) {
    INFO(optional);
    CHECK_FALSE(test::present(n, optional));
  }
}

TEST_CASE("reserved keys fill the reserved fields", "[runtime][decode]") {
  auto f = fixture();
  runtime::DecodedEvent plain = f->accept(alert().str());
  CHECK(plain.at == ms("2026-11-26T09:00:00Z"));
  CHECK(test::word(plain, "at") == plain.at);
  CHECK(test::text(*f, plain, "type") == "alert.received");
  REQUIRE(plain.incident);
  CHECK(f->strings.text(*plain.incident) == "INC-1");
  CHECK(test::text(*f, plain, "incident") == "INC-1");
  CHECK_FALSE(plain.id);
  CHECK_FALSE(test::present(plain, "id"));
  CHECK(plain.actor_id == 0);
  CHECK(plain.actor_role == 0);

  runtime::DecodedEvent full =
      f->accept(alert().with("id", R"("evt-1")").with("actor", R"({"id": "bob", "role": "observer"})").str());
  REQUIRE(full.id);
  CHECK(f->strings.text(*full.id) == "evt-1");
  CHECK(test::present(full, "id"));
  CHECK(test::text(*f, full, "id") == "evt-1");
  CHECK(f->strings.text(full.actor_id) == "bob");
  CHECK(f->strings.text(full.actor_role) == "observer");
  CHECK(test::text(*f, full, compiler::kActorIdField) == "bob");
  CHECK(test::text(*f, full, compiler::kActorRoleField) == "observer");

  SECTION("an actor may leave out either key, or be null, or empty") {
    runtime::DecodedEvent role_only = f->accept(alert().with("actor", R"({"role": "cab_chair", "id": null})").str());
    CHECK(role_only.actor_id == 0);
    CHECK(f->strings.text(role_only.actor_role) == "cab_chair");
    CHECK(f->accept(alert().with("actor", "null").str()).actor_role == 0);
    CHECK(f->accept(alert().with("actor", "{}").str()).actor_id == 0);
    CHECK_FALSE(f->accept(alert().with("id", "null").str()).id);
  }
}

TEST_CASE("global event types carry no incident", "[runtime][decode]") {
  auto f = fixture();
  runtime::DecodedEvent e = f->accept(change().str());
  CHECK_FALSE(e.incident);
  CHECK(test::word(e, "incident") == 0);
  CHECK(test::text(*f, e, "change") == "CHG-9");

  runtime::Rejection r = f->reject(change().with("incident", R"("INC-1")").str());
  CHECK(r.reason == RejectReason::UnknownField);
  CHECK(r.message == "key `incident` is not allowed: change.requested is a global event type");
}

TEST_CASE("keys may come in any order, `type` last included", "[runtime][decode]") {
  auto f = fixture();
  Line line = alert();
  std::reverse(line.members.begin(), line.members.end());
  runtime::DecodedEvent e = f->accept(line.str());
  CHECK(e.type == "alert.received");
  CHECK(test::word(e, "severity") == 2);
  CHECK(test::text(*f, e, "source") == "prometheus");
}

TEST_CASE("sets keep each element once, sorted by id", "[runtime][decode]") {
  auto f = fixture();
  auto participants = [&](const std::string& raw) {
    runtime::DecodedEvent e = f->accept(
        Line{{{"type", R"("bridge.opened")"}, {"at", R"("2026-11-26T09:00:00Z")"}, {"incident", R"("I")"}, {"participants", raw}}}
            .str());
    return test::set_texts(*f, e, "participants");
  };
  CHECK(participants("[]").empty());
  std::vector<std::string> repeated = participants(R"(["network", "db", "network", "db", "app"])");
  CHECK(test::sorted(repeated) == std::vector<std::string>{"app", "db", "network"});
  // Stored sorted by id, which is how the evaluators search it.
  std::vector<compiler::StringId> ids;
  for (const std::string& s : repeated) {
    compiler::StringId id = 0;
    REQUIRE(f->strings.find(s, id));
    ids.push_back(id);
  }
  CHECK(std::is_sorted(ids.begin(), ids.end()));
  CHECK(participants(R"([""])") == std::vector<std::string>{""});
}

TEST_CASE("ints take the whole int64 range", "[runtime][decode]") {
  auto f = fixture();
  auto severity = [&](const std::string& raw) { return test::word(f->accept(alert().with("severity", raw).str()), "severity"); };
  CHECK(severity("9223372036854775807") == std::numeric_limits<std::int64_t>::max());
  CHECK(severity("-9223372036854775808") == std::numeric_limits<std::int64_t>::min());
  CHECK(severity("0") == 0);
  CHECK(severity("-0") == 0);
  CHECK(severity(" 12 ") == 12);
}

TEST_CASE("durations, times and enums are read from their text forms", "[runtime][decode]") {
  auto f = fixture();
  auto field = [&](const char* name, const std::string& raw) {
    return test::word(f->accept(typed_fields().with(name, raw).str()), name);
  };
  CHECK(field("d", R"("0s")") == 0);
  CHECK(field("d", R"("250ms")") == 250);
  CHECK(field("d", R"("1w2d3h4m5s6ms")") == *lang::parse_duration("1w2d3h4m5s6ms"));
  CHECK(field("d", R"("1_000ms")") == 1000);
  CHECK(field("t", R"("2026-11-26T09:00:00.250Z")") == ms("2026-11-26T09:00:00Z") + 250);
  CHECK(field("t", R"("2026-11-26t09:00:00z")") == ms("2026-11-26T09:00:00Z"));
  CHECK(field("t", R"("2026-11-26T09:00:00-05:30")") == ms("2026-11-26T14:30:00Z"));
  CHECK(field("t", R"("1969-12-31T23:59:59Z")") == -1000);
  CHECK(field("tier", R"("P1")") == 0);
  CHECK(field("tier", R"("P4")") == 3);
  CHECK(field("at", R"("2026-11-26T09:00:00.1234Z")") == ms("2026-11-26T09:00:00Z") + 123);
}

TEST_CASE("strings are unescaped and interned", "[runtime][decode]") {
  auto f = fixture();
  runtime::DecodedEvent e = f->accept(alert().with("service", R"("a\"b\\c\u00e9\n\t\/\u0000z")").str());
  CHECK(test::text(*f, e, "service") == std::string("a\"b\\c\xc3\xa9\n\t/\0z", 12));
  runtime::DecodedEvent same = f->accept(alert().with("service", R"("p\u0061yments")").str());
  runtime::DecodedEvent plain = f->accept(alert().str());
  CHECK(test::word(same, "service") == test::word(plain, "service"));
  CHECK(test::text(*f, f->accept(alert().with("service", "\"ünïcødé ✓\"").str()), "service") == "ünïcødé ✓");
}

TEST_CASE("surrounding whitespace and a trailing carriage return are allowed", "[runtime][decode]") {
  auto f = fixture();
  f->accept(" \t" + alert().str() + " \r");
  f->accept("{ \"type\" : \"alert.received\" , \"at\":\"2026-11-26T09:00:00Z\",\"incident\":\"I\",\n"
            "\"service\":\"s\",\"severity\":1,\"source\":\"x\" }");
}

namespace {

struct RejectCase {
  std::string line;
  RejectReason reason;
  std::string message;  // the whole message
};

}  // namespace

TEST_CASE("each rejection has its reason and a message naming the key", "[runtime][decode]") {
  auto f = fixture();
  const std::string tags_prefix = R"({"type":"bridge.opened","at":"2026-11-26T09:00:00Z","incident":"I","participants":)";
  const std::vector<RejectCase> cases = {
      {"", RejectReason::EmptyLine, "empty line"},
      {" \t\r", RejectReason::EmptyLine, "empty line"},
      {R"({"type":)", RejectReason::InvalidJson, "not valid JSON: the line ends inside an object or array"},
      {R"({"type" "alert.received"})", RejectReason::InvalidJson,
       "not valid JSON: a misplaced or missing comma, colon, brace or bracket"},
      {R"({"type":"alert.received",})", RejectReason::InvalidJson,
       "not valid JSON: a misplaced or missing comma, colon, brace or bracket"},
      {R"({'type':'alert.received'})", RejectReason::InvalidJson,
       "not valid JSON: a misplaced or missing comma, colon, brace or bracket"},
      {alert().str() + " x", RejectReason::InvalidJson, "not valid JSON: more content after the object"},
      {"[1] 2", RejectReason::InvalidJson, "not valid JSON: more content after the object"},
      {R"({"type":"a\"}"} x)", RejectReason::InvalidJson, "not valid JSON: more content after the object"},
      {alert().str() + "{}", RejectReason::InvalidJson, "not valid JSON: more content after the object"},
      {alert().str() + "}", RejectReason::InvalidJson, "not valid JSON: more content after the object"},
      {alert().with("severity", "tru").str(), RejectReason::InvalidJson, "not valid JSON: a misspelt `true`"},
      {alert().with("severity", "nul").str(), RejectReason::InvalidJson, "not valid JSON: a misspelt `null`"},
      {alert().with("severity", "01").str(), RejectReason::InvalidJson, "not valid JSON: a malformed number"},
      {alert().with("severity", "1.").str(), RejectReason::InvalidJson, "not valid JSON: a malformed number"},
      {alert().with("service", R"("a\x")").str(), RejectReason::InvalidJson, "not valid JSON: a string with an invalid escape"},
      {alert().with("service", R"("\ud800")").str(), RejectReason::InvalidJson,
       "not valid JSON: a string with an invalid escape"},
      {alert().with("service", "\"a\tb\"").str(), RejectReason::InvalidJson,
       "not valid JSON: an unescaped control character in a string"},
      {R"({"type":"alert.received)", RejectReason::InvalidJson, "not valid JSON: a string that is not closed"},
      {alert().with("service", "\"\xff\"").str(), RejectReason::InvalidUtf8, "the line is not valid UTF-8"},
      {alert().with("service", "\"\xc0\xaf\"").str(), RejectReason::InvalidUtf8, "the line is not valid UTF-8"},
      {alert().with("service", "\"\xe2\x9c\"").str(), RejectReason::InvalidUtf8, "the line is not valid UTF-8"},
      {alert().with("extra", std::string(70, '[') + std::string(70, ']')).str(), RejectReason::TooDeep,
       "arrays or objects nested more than 64 deep"},
      {"\xEF\xBB\xBF" + alert().str(), RejectReason::InvalidJson,
       "not valid JSON: the line begins with a UTF-8 byte-order mark (EF BB BF); save the events as UTF-8 without one"},
      {"[1, 2]", RejectReason::NotAnObject, "expected a JSON object, got array"},
      {R"("alert.received")", RejectReason::NotAnObject, "expected a JSON object, got string"},
      {"42", RejectReason::NotAnObject, "expected a JSON object, got number"},
      {"null", RejectReason::NotAnObject, "expected a JSON object, got null"},
      {"true", RejectReason::NotAnObject, "expected a JSON object, got bool"},
      {" null \r", RejectReason::NotAnObject, "expected a JSON object, got null"},
      {"-1.5e+3", RejectReason::NotAnObject, "expected a JSON object, got number"},
      {"123456789012345678901234567890", RejectReason::NotAnObject, "expected a JSON object, got number"},
      {"\"a,b\" ", RejectReason::NotAnObject, "expected a JSON object, got string"},
      {"null x", RejectReason::InvalidJson, "not valid JSON: more content after the object"},
      {"\"a\" \"b\"", RejectReason::InvalidJson, "not valid JSON: more content after the object"},
      {"01", RejectReason::InvalidJson, "not valid JSON: a malformed number"},
      {"nulll", RejectReason::InvalidJson, "not valid JSON: a misspelt `null`"},
      {"falsy", RejectReason::InvalidJson, "not valid JSON: a misspelt `false`"},
      {alert().with("extra", "123456789012345678901234567890").str(), RejectReason::UnknownField,
       R"(unknown key "extra": not a field of alert.received)"},
      {alert().with("extra", "1e999").str(), RejectReason::UnknownField,
       R"(unknown key "extra": not a field of alert.received)"},
      {alert().with("extra", "-").str(), RejectReason::InvalidJson, "not valid JSON: a malformed number"},
      {alert().with("extra", "1.e5").str(), RejectReason::InvalidJson, "not valid JSON: a malformed number"},
      {alert().with("severity", "1e999").str(), RejectReason::WrongType,
       "field `severity` of alert.received: expected int, got a number with a fraction or exponent"},
      {alert().plus("severity", "3").str(), RejectReason::DuplicateKey, R"(key "severity" appears twice)"},
      {alert().plus("at", R"("2026-11-26T09:00:00Z")").str(), RejectReason::DuplicateKey, R"(key "at" appears twice)"},
      {alert().plus("serv\\u0069ce", R"("x")").str(), RejectReason::DuplicateKey, R"(key "service" appears twice)"},
      {alert().plus("type", R"("alert.received")").str(), RejectReason::DuplicateKey, R"(key "type" appears twice)"},
      {alert().with("actor", R"({"id":"a","id":"b"})").str(), RejectReason::DuplicateKey, "key `actor.id` appears twice"},
      {alert().without("type").str(), RejectReason::MissingField, "missing key `type`"},
      {alert().without("at").str(), RejectReason::MissingField, "missing key `at`"},
      {alert().without("incident").str(), RejectReason::MissingField,
       "missing key `incident`: alert.received is not a global event type"},
      {alert().without("severity").str(), RejectReason::MissingField, "missing field `severity` (int) of alert.received"},
      {alert().without("source").without("service").str(), RejectReason::MissingField,
       "missing fields `service` (string), `source` (string) of alert.received"},
      {typed_fields().without("tier").str(), RejectReason::MissingField, "missing field `tier` (Tier) of typed.fields"},
      {alert().with("type", R"("alert.recieved")").str(), RejectReason::UnknownType, R"(unknown event type "alert.recieved")"},
      {alert().with("type", R"("")").str(), RejectReason::UnknownType, R"(unknown event type "")"},
      {alert().with("sevrity", "1").str(), RejectReason::UnknownField, R"(unknown key "sevrity": not a field of alert.received)"},
      {alert().with("actor.id", R"("bob")").str(), RejectReason::UnknownField,
       R"(unknown key "actor.id": not a field of alert.received)"},
      {alert().with("actor", R"({"id":"a","name":"b"})").str(), RejectReason::UnknownField,
       R"(unknown key "name" in `actor`, which takes only `id` and `role`)"},
      {alert().with("type", "7").str(), RejectReason::WrongType,
       "key `type`: expected a string naming an event type, got number"},
      {alert().with("at", "1764147600000").str(), RejectReason::WrongType,
       "key `at`: expected an RFC 3339 time string, got number"},
      {alert().with("incident", "12").str(), RejectReason::WrongType, "key `incident`: expected a string, got number"},
      {alert().with("incident", "null").str(), RejectReason::WrongType, "key `incident`: expected a string, got null"},
      {alert().with("id", "12").str(), RejectReason::WrongType, "key `id`: expected a string or null, got number"},
      {alert().with("actor", R"("bob")").str(), RejectReason::WrongType,
       "key `actor`: expected an object with `id` and `role`, got string"},
      {alert().with("actor", R"({"role":1})").str(), RejectReason::WrongType,
       "key `actor.role`: expected a string or null, got number"},
      {alert().with("severity", R"("2")").str(), RejectReason::WrongType,
       "field `severity` of alert.received: expected int, got string"},
      {alert().with("severity", "null").str(), RejectReason::WrongType,
       "field `severity` of alert.received: expected int, got null"},
      {alert().with("service", "12").str(), RejectReason::WrongType,
       "field `service` of alert.received: expected string, got number"},
      {typed_fields().with("b", "1").str(), RejectReason::WrongType, "field `b` of typed.fields: expected bool, got number"},
      {typed_fields().with("tags", R"("db")").str(), RejectReason::WrongType,
       "field `tags` of typed.fields: expected set<string>, an array of strings, got string"},
      {typed_fields().with("tier", "2").str(), RejectReason::WrongType,
       "field `tier` of typed.fields: expected a value of Tier (P1, P2, P3, P4), got number"},
      {typed_fields().with("d", "900000").str(), RejectReason::WrongType,
       R"(field `d` of typed.fields: expected a duration string such as "15m" or "1h30m", got number)"},
      {typed_fields().with("otags", "{}").str(), RejectReason::WrongType,
       "field `otags` of typed.fields: expected set<string>, an array of strings, got object"},
      {tags_prefix + R"(["a", 1]})", RejectReason::WrongType,
       "field `participants` of bridge.opened: element 2: expected a string, got number"},
      {tags_prefix + R"([null]})", RejectReason::WrongType,
       "field `participants` of bridge.opened: element 1: expected a string, got null"},
      {tags_prefix + R"([["a"]]})", RejectReason::WrongType,
       "field `participants` of bridge.opened: element 1: expected a string, got array"},
      {alert().with("severity", "2.0").str(), RejectReason::WrongType,
       "field `severity` of alert.received: expected int, got a number with a fraction or exponent"},
      {alert().with("severity", "2e3").str(), RejectReason::WrongType,
       "field `severity` of alert.received: expected int, got a number with a fraction or exponent"},
      {alert().with("severity", "-0.5").str(), RejectReason::WrongType,
       "field `severity` of alert.received: expected int, got a number with a fraction or exponent"},
      {alert().with("severity", "9223372036854775808").str(), RejectReason::IntOutOfRange,
       "field `severity` of alert.received: integer out of the int64 range"},
      {alert().with("severity", "-9223372036854775809").str(), RejectReason::IntOutOfRange,
       "field `severity` of alert.received: integer out of the int64 range"},
      {alert().with("severity", "123456789012345678901234567890").str(), RejectReason::IntOutOfRange,
       "field `severity` of alert.received: integer out of the int64 range"},
      {alert().with("at", R"("2026-02-30T00:00:00Z")").str(), RejectReason::BadTime,
       R"(key `at`: "2026-02-30T00:00:00Z" is not an RFC 3339 time such as "2026-12-25T08:00:00Z")"},
      {alert().with("at", R"("2026-11-26 09:00:00Z")").str(), RejectReason::BadTime,
       R"(key `at`: "2026-11-26 09:00:00Z" is not an RFC 3339 time such as "2026-12-25T08:00:00Z")"},
      {alert().with("at", R"("2026-11-26T23:59:60Z")").str(), RejectReason::BadTime,
       R"(key `at`: "2026-11-26T23:59:60Z" is not an RFC 3339 time such as "2026-12-25T08:00:00Z")"},
      {alert().with("at", R"("2026-11-26T09:00:00")").str(), RejectReason::BadTime,
       R"(key `at`: "2026-11-26T09:00:00" is not an RFC 3339 time such as "2026-12-25T08:00:00Z")"},
      {typed_fields().with("t", R"("tomorrow")").str(), RejectReason::BadTime,
       R"(field `t` of typed.fields: expected an RFC 3339 time string such as "2026-12-25T08:00:00Z")"},
      {typed_fields().with("d", R"("15")").str(), RejectReason::BadDuration,
       R"(field `d` of typed.fields: expected a duration string such as "15m" or "1h30m")"},
      {typed_fields().with("od", R"("-5m")").str(), RejectReason::BadDuration,
       R"(field `od` of typed.fields: expected a duration string such as "15m" or "1h30m")"},
      {typed_fields().with("d", R"("1m1h")").str(), RejectReason::BadDuration,
       R"(field `d` of typed.fields: expected a duration string such as "15m" or "1h30m")"},
      {typed_fields().with("d", R"("")").str(), RejectReason::BadDuration,
       R"(field `d` of typed.fields: expected a duration string such as "15m" or "1h30m")"},
      {typed_fields().with("tier", R"("p1")").str(), RejectReason::UnknownEnumValue,
       "field `tier` of typed.fields: expected a value of Tier (P1, P2, P3, P4)"},
      {alert().with("incident", R"("")").str(), RejectReason::EmptyValue, "key `incident` is empty"},
      {alert().with("id", R"("")").str(), RejectReason::EmptyValue, "key `id` is empty; leave it out instead"},
  };
  for (const RejectCase& c : cases) {
    INFO(c.line);
    runtime::Rejection r = f->reject(c.line);
    CHECK(r.message == c.message);
    CHECK(runtime::reason_code(r.reason) == runtime::reason_code(c.reason));
  }
}

TEST_CASE("a line longer than the limit is rejected unread", "[runtime][decode]") {
  auto f = fixture(runtime::DecoderOptions{.max_line_bytes = 90});
  std::string line = alert().str();
  REQUIRE(line.size() > 90);
  runtime::Rejection r = f->reject(line);
  CHECK(r.reason == RejectReason::LineTooLong);
  CHECK(r.message == fmt::format("the line has {} bytes, more than the limit of 90", line.size()));
  CHECK(r.type.empty());
  std::string short_line = R"({"type":"change.requested","at":"2026-11-26T09:00:00Z","change":"","emergency":true})";
  REQUIRE(short_line.size() <= 90);
  f->accept(short_line);
}

TEST_CASE("a rejection says which problem comes first", "[runtime][decode]") {
  auto f = fixture();
  // Not JSON beats everything, even after an unknown type.
  CHECK(f->reject(R"({"type":"nope","x":tru})").reason == RejectReason::InvalidJson);
  CHECK(f->reject(alert().with("sevrity", "1").str() + "]").reason == RejectReason::InvalidJson);
  // The type beats the fields it would judge.
  CHECK(f->reject(alert().with("type", R"("nope")").with("at", "1").str()).reason == RejectReason::UnknownType);
  CHECK(f->reject(R"({"severity":"x"})").reason == RejectReason::MissingField);
  // Then the first problem in key order, then the missing keys.
  runtime::Rejection r = f->reject(alert().with("severity", R"("x")").with("extra", "1").without("source").str());
  CHECK(r.reason == RejectReason::WrongType);
  CHECK(f->reject(alert().without("severity").plus("extra", "1").plus("severity", R"("x")").str()).reason ==
        RejectReason::UnknownField);
}

TEST_CASE("a rejection carries the type, time and incident the line gave", "[runtime][decode]") {
  auto f = fixture();
  runtime::Rejection r = f->reject(alert().with("severity", R"("high")").str());
  CHECK(r.type == "alert.received");
  CHECK(r.at == ms("2026-11-26T09:00:00Z"));
  CHECK(r.incident == "INC-1");
  runtime::Rejection unknown = f->reject(alert().with("type", R"("nope")").str());
  CHECK(unknown.type.empty());
  CHECK(unknown.at == ms("2026-11-26T09:00:00Z"));
  runtime::Rejection bad_time = f->reject(alert().with("at", R"("soon")").str());
  CHECK_FALSE(bad_time.at);
  CHECK(f->reject("[]").incident.empty());
}

TEST_CASE("a rejection never quotes a field's value", "[runtime][decode]") {
  auto f = fixture();
  for (const Line& line : {alert().with("severity", R"("s3cr3t")"), typed_fields().with("tier", R"("s3cr3t")"),
                           typed_fields().with("d", R"("s3cr3t")"), typed_fields().with("t", R"("s3cr3t")")}) {
    runtime::Rejection r = f->reject(line.str());
    INFO(r.message);
    CHECK(r.message.find("s3cr3t") == std::string::npos);
  }
}

TEST_CASE("quoted keys and types are escaped and cut short", "[runtime][decode]") {
  auto f = fixture();
  CHECK(f->reject(alert().with("type", R"("a\"b\u0001")").str()).message == R"(unknown event type "a\"b\u0001")");
  std::string long_type(100, 'x');
  CHECK(f->reject(alert().with("type", "\"" + long_type + "\"").str()).message ==
        "unknown event type \"" + std::string(64, 'x') + "\"…");
}

TEST_CASE("an unknown type is quoted wherever its key stands", "[runtime][decode]") {
  auto f = fixture();
  // The second pass over the line reuses simdjson's string buffer: the type read in the
  // first must not be a view into it.
  for (const Line& line : {alert().without("type").plus("type", R"("alert.recieved")"),
                           Line{{{"at", R"("2026-11-26T09:00:00Z")"}, {"type", R"("alert.recieved")"},
                                 {"incident", R"("INC-1")"}}}}) {
    INFO(line.str());
    CHECK(f->reject(line.str()).message == R"(unknown event type "alert.recieved")");
  }
}

TEST_CASE("a rejection does not depend on where the line's keys stand", "[runtime][decode]") {
  auto f = fixture();
  for (const Line& line : {alert().with("type", R"("alert.recieved")"), alert().with("type", "7"),
                           alert().with("at", R"("yesterday")"), alert().with("incident", R"("")"),
                           alert().without("severity"), alert().with("sevrity", "1"),
                           alert().with("severity", R"("2")"), alert().plus("severity", "3"),
                           typed_fields().with("tier", R"("P9")"), typed_fields().with("d", R"("soon")")}) {
    INFO(line.str());
    runtime::Rejection in_order = f->reject(line.str());
    runtime::Rejection reversed = f->reject(line.reversed().str());
    CHECK(reversed.reason == in_order.reason);
    CHECK(reversed.message == in_order.message);
    CHECK(reversed.type == in_order.type);
    CHECK(reversed.at == in_order.at);
    CHECK(reversed.incident == in_order.incident);
  }
}

TEST_CASE("a rejected line interns no string", "[runtime][decode]") {
  auto f = fixture();
  f->accept(alert().str());
  std::size_t before = f->strings.size();
  f->reject(alert().with("service", R"("never-seen-1")").with("severity", "1.5").str());
  f->reject(alert().with("actor", R"({"id":"never-seen-2"})").without("source").str());
  f->reject(Line{{{"type", R"("bridge.opened")"}, {"at", R"("2026-11-26T09:00:00Z")"}, {"incident", R"("never-seen-3")"},
                  {"participants", R"(["never-seen-4", 5])"}}}
                .str());
  CHECK(f->strings.size() == before);
  f->accept(alert().with("service", R"("seen")").str());
  CHECK(f->strings.size() == before + 1);
}

TEST_CASE("the decoder gives the same event before and after bad lines", "[runtime][decode]") {
  auto f = fixture();
  std::string good = typed_fields().with("otags", R"(["z", "y"])").with("actor", R"({"id":"a","role":"r"})").str();
  runtime::DecodedEvent first = f->accept(good);
  for (const char* bad : {"{", "[[[", "{\"type\":\"typed.fields\",\"tags\":[1,2,3]}", "\xff"}) f->reject(bad);
  runtime::DecodedEvent again = f->accept(good);
  for (const compiler::FieldSlot& s : first.layout->fields()) {
    INFO(s.name);
    if (s.is_set()) {
      CHECK(test::set_texts(*f, first, s.name) == test::set_texts(*f, again, s.name));
    } else {
      CHECK(test::word(first, s.name) == test::word(again, s.name));
    }
    CHECK(first.record.present(s) == again.record.present(s));
  }
}

TEST_CASE("the engine's before-clock rejection carries the event's context", "[runtime][decode]") {
  auto f = fixture();
  runtime::DecodedEvent e = f->accept(alert().str());
  runtime::Rejection late = runtime::reject_before_clock(e, ms("2026-11-26T09:05:00.500Z"), f->strings);
  CHECK(late.reason == RejectReason::BeforeClock);
  CHECK(late.message == "`at` 2026-11-26T09:00:00Z is before the engine clock 2026-11-26T09:05:00.500Z");
  CHECK(late.type == "alert.received");
  CHECK(late.at == e.at);
  CHECK(late.incident == "INC-1");
}

TEST_CASE("reason codes are distinct snake_case names", "[runtime][decode]") {
  std::set<std::string> codes;
  for (int i = 0; i <= static_cast<int>(RejectReason::BeforeClock); ++i) {
    std::string code(runtime::reason_code(static_cast<RejectReason>(i)));
    INFO(code);
    CHECK(code.find_first_not_of("abcdefghijklmnopqrstuvwxyz_0123456789") == std::string::npos);
    CHECK(codes.insert(code).second);
  }
}
