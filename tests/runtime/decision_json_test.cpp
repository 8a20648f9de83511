// A decision's JSON line (runtime::append_json) with every field set, with none, and with
// texts to escape: the line `writ replay` prints.
#include <catch2/catch.hpp>

#include <string>

#include "runtime/decision.hpp"

using writ::runtime::Decision;
using writ::runtime::to_json;

namespace {

Decision full() {
  Decision d;
  d.seq = 42;
  d.at = 1'793'955'600'123;
  d.kind = "notify";
  d.incident = "INC-7";
  d.construct = "obligation";
  d.name = "bridge";
  d.where = "policy.writ:12:3";
  d.outcome = "sent";
  d.target = "ic@example.com";
  d.reason = "because";
  d.message = "open the bridge";
  d.values = {{"state.severity", "1", false}, {"deadline", "\"2026-11-06T09:30:00Z\"", false}};
  return d;
}

}  // namespace

TEST_CASE("decision JSON: every field, in the fixed order", "[runtime][decision]") {
  CHECK(to_json(full(), "abc") ==
        R"({"seq":42,"at":"2026-11-06T09:00:00.123Z","kind":"notify","incident":"INC-7",)"
        R"("source":{"construct":"obligation","name":"bridge","at":"policy.writ:12:3"},"outcome":"sent",)"
        R"("target":"ic@example.com","reason":"because","message":"open the bridge",)"
        R"("values":{"state.severity":1,"deadline":"2026-11-06T09:30:00Z"},"policy":"abc"})");
}

TEST_CASE("decision JSON: empty fields and an empty policy hash are left out", "[runtime][decision]") {
  Decision d;
  d.seq = -1;
  d.at = 0;
  CHECK(to_json(d, "") == R"({"seq":-1,"at":"1970-01-01T00:00:00Z"})");
  d.construct = "rule";
  CHECK(to_json(d, "h") == R"({"seq":-1,"at":"1970-01-01T00:00:00Z","source":{"construct":"rule","name":""},"policy":"h"})");
}

TEST_CASE("decision JSON: texts are escaped, invalid UTF-8 replaced, in every field", "[runtime][decision]") {
  Decision d = full();
  std::string nasty = "a\"b\\\n\x01\xff\xc3\xa9";
  std::string quoted = R"("a\"b\\\n\u0001\ufffdé")";
  d.incident = nasty;
  d.target = nasty;
  d.reason = std::string(200, '\x01');
  d.message = nasty;
  d.values = {{nasty, "true", false}};
  std::string reason = "\"";
  for (int i = 0; i < 200; ++i) reason += "\\u0001";
  reason += "\"";
  CHECK(to_json(d, "abc") ==
        R"({"seq":42,"at":"2026-11-06T09:00:00.123Z","kind":"notify","incident":)" + quoted +
            R"(,"source":{"construct":"obligation","name":"bridge","at":"policy.writ:12:3"},"outcome":"sent","target":)" +
            quoted + R"(,"reason":)" + reason + R"(,"message":)" + quoted + R"(,"values":{)" + quoted +
            R"(:true},"policy":"abc"})");
}

TEST_CASE("decision JSON: lines appended one after another, and the hash changed between", "[runtime][decision]") {
  std::string out = "x";
  writ::runtime::append_json(out, full(), "one");
  writ::runtime::append_json(out, full(), "two");
  CHECK(out == "x" + to_json(full(), "one") + to_json(full(), "two"));
  CHECK(out.find(R"("policy":"two"})") != std::string::npos);
}
