// Property tests of the event decoder. From a seed: random schemas through the real front
// end, random events over them written as JSON lines in random key order and spacing, with
// escapes, extreme values and absent or null optionals, which must decode to exactly the
// values written; and random damage to those lines, which must never crash and must give a
// decoded event or a reason, with simdjson's DOM parser as the judge of what is JSON.
#include <catch2/catch.hpp>

#include <simdjson.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "lang/literals.hpp"
#include "tests/support/decoder_fixture.hpp"

using namespace writ;

namespace {

enum class Kind { Bool, Int, String, Duration, Time, Set, Enum };

struct GenField {
  std::string name;
  Kind kind = Kind::Int;
  bool optional = false;
  int enum_index = 0;
};

struct GenType {
  std::string name;
  bool global = false;
  std::vector<GenField> fields;
};

struct GenSchema {
  std::vector<std::vector<std::string>> enums;
  std::vector<GenType> types;

  std::string text() const {
    std::string out;
    for (std::size_t e = 0; e < enums.size(); ++e) out += fmt::format("enum E{} {{ {} }}\n", e, fmt::join(enums[e], ", "));
    for (const GenType& t : types) {
      std::vector<std::string> fields;
      for (const GenField& f : t.fields) fields.push_back(f.name + ": " + type_text(f));
      out += fmt::format("event {}{} {{ {} }}\n", t.name, t.global ? " global" : "", fmt::join(fields, ", "));
    }
    return out;
  }

  static std::string type_text(const GenField& f) {
    static const char* const kNames[] = {"bool", "int", "string", "duration", "time", "set<string>"};
    std::string base = f.kind == Kind::Enum ? fmt::format("E{}", f.enum_index) : kNames[static_cast<int>(f.kind)];
    return f.optional ? base + "?" : base;
  }
};

// One value as written; `present` false for an absent optional.
struct GenValue {
  bool present = true;
  std::int64_t number = 0;  // bool, int, duration, time, enum index
  std::string text;
  std::vector<std::string> elements;
};

const std::vector<std::string>& string_pool() {
  static const std::vector<std::string> pool = {
      "", "a", "payments", "é", "✓ ok", "quote\"d", "back\\slash", "tab\there", "line\nbreak", std::string("nul\0in", 6),
      "\x01\x1f", "emoji 😀", "/slash", "INC-1", "日本語"};
  return pool;
}

class Generator {
 public:
  explicit Generator(std::uint64_t seed) : rng_(seed) {}

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool chance(int percent) { return pick(100) < percent; }
  std::mt19937_64& rng() { return rng_; }

  GenSchema schema() {
    GenSchema s;
    int enums = 1 + pick(3);
    for (int e = 0; e < enums; ++e) {
      std::vector<std::string> values;
      int count = 1 + pick(5);
      for (int v = 0; v < count; ++v) values.push_back(fmt::format("E{}V{}", e, v));
      s.enums.push_back(values);
    }
    int types = 1 + pick(4);
    for (int t = 0; t < types; ++t) {
      GenType type{fmt::format("t{}.happened", t), chance(30), {}};
      int fields = pick(9);
      for (int i = 0; i < fields; ++i) {
        GenField f{fmt::format("f{}", i), static_cast<Kind>(pick(7)), chance(40), 0};
        if (f.kind == Kind::Enum) f.enum_index = pick(enums);
        type.fields.push_back(f);
      }
      s.types.push_back(type);
    }
    return s;
  }

  GenValue value(const GenSchema& s, const GenField& f) {
    GenValue v;
    switch (f.kind) {
      case Kind::Bool: v.number = pick(2); break;
      case Kind::Int: v.number = int_value(); break;
      case Kind::String: v.text = string_value(); break;
      case Kind::Duration: v.number = duration_value(); break;
      case Kind::Time: v.number = time_value(); break;
      case Kind::Set:
        for (int n = pick(6); n > 0; --n) v.elements.push_back(string_value());
        break;
      case Kind::Enum: v.number = pick(static_cast<int>(s.enums[static_cast<std::size_t>(f.enum_index)].size())); break;
    }
    return v;
  }

  std::int64_t int_value() {
    static const std::int64_t kEdges[] = {std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max(),
                                          0, -1, 1};
    if (chance(30)) return kEdges[pick(5)];
    return static_cast<std::int64_t>(rng_());
  }

  std::int64_t duration_value() {
    if (chance(10)) return 0;
    std::uint64_t bound = std::uint64_t{1} << (1 + pick(62));
    return static_cast<std::int64_t>(rng_() % bound);
  }

  // From 0002-01-01 to 9998-12-31, so an offset form stays within RFC 3339's years.
  std::int64_t time_value() {
    static const std::int64_t lo = *lang::parse_time("0002-01-01T00:00:00Z");
    static const std::int64_t hi = *lang::parse_time("9998-12-31T00:00:00Z");
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
  }

  std::string string_value() {
    if (chance(20)) {
      std::string s;
      for (int n = pick(12); n > 0; --n) s += static_cast<char>(0x20 + pick(0x5f));
      return s;
    }
    return string_pool()[static_cast<std::size_t>(pick(static_cast<int>(string_pool().size())))];
  }

 private:
  std::mt19937_64 rng_;
};

// JSON text of a string, with control characters escaped and, at random, other characters
// written as \u escapes (non-ASCII ones as UTF-16, pairs included).
std::string json_string(Generator& g, const std::string& s) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    std::string ch = s.substr(i, static_cast<std::size_t>(len));
    i += static_cast<std::size_t>(len);
    if (ch == "\"" || ch == "\\") {
      out += "\\" + ch;
    } else if (c < 0x20 || g.chance(15)) {
      std::uint32_t code = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
      for (int k = 1; k < len; ++k) code = (code << 6) | (static_cast<unsigned char>(ch[static_cast<std::size_t>(k)]) & 0x3F);
      if (code >= 0x10000) {
        code -= 0x10000;
        out += fmt::format("\\u{:04x}\\u{:04X}", 0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF));
      } else {
        out += fmt::format("\\u{:04x}", code);
      }
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

std::string time_text(Generator& g, std::int64_t ms) {
  if (!g.chance(30)) return lang::format_time(ms);
  // The same instant as local time at an offset.
  int offset_minutes = (g.pick(2) ? 1 : -1) * g.pick(24 * 60);
  std::string local = lang::format_time(ms + std::int64_t{offset_minutes} * 60'000);
  local.pop_back();
  int magnitude = std::abs(offset_minutes);
  return fmt::format("{}{}{:02}:{:02}", local, offset_minutes < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
}

std::string json_value(Generator& g, const GenSchema& s, const GenField& f, const GenValue& v) {
  switch (f.kind) {
    case Kind::Bool: return v.number ? "true" : "false";
    case Kind::Int: return std::to_string(v.number);
    case Kind::String: return json_string(g, v.text);
    case Kind::Duration: return "\"" + lang::format_duration(v.number) + "\"";
    case Kind::Time: return "\"" + time_text(g, v.number) + "\"";
    case Kind::Set: {
      std::vector<std::string> items;
      for (const std::string& e : v.elements) items.push_back(json_string(g, e));
      return "[" + fmt::format("{}", fmt::join(items, ",")) + "]";
    }
    case Kind::Enum: return "\"" + s.enums[static_cast<std::size_t>(f.enum_index)][static_cast<std::size_t>(v.number)] + "\"";
  }
  return "null";
}

std::string space(Generator& g) {
  static const char* const kSpaces[] = {"", "", "", " ", "\t", "  ", "\r\n "};
  return kSpaces[g.pick(7)];
}

// An event as written, and what decoding it must give.
struct GenEvent {
  const GenType* type = nullptr;
  std::int64_t at = 0;
  std::string incident;
  std::string id;  // "" when left out or null
  std::string actor_id, actor_role;
  std::vector<GenValue> values;
  std::string line;
};

std::string optional_string_member(Generator& g, const std::string& key, std::string& value) {
  int form = g.pick(3);
  if (form == 0) return "";
  if (form == 1) return "\"" + key + "\":" + space(g) + "null";
  value = g.string_value();
  if (value.empty()) value = "x";
  return "\"" + key + "\":" + space(g) + json_string(g, value);
}

GenEvent event(Generator& g, const GenSchema& s) {
  GenEvent e;
  e.type = &s.types[static_cast<std::size_t>(g.pick(static_cast<int>(s.types.size())))];
  e.at = g.time_value();
  std::vector<std::string> members = {"\"type\":" + space(g) + json_string(g, e.type->name),
                                      "\"at\":" + space(g) + "\"" + time_text(g, e.at) + "\""};
  if (!e.type->global) {
    e.incident = "INC-" + std::to_string(g.pick(1000));
    members.push_back("\"incident\":" + space(g) + json_string(g, e.incident));
  }
  if (std::string id = optional_string_member(g, "id", e.id); !id.empty()) members.push_back(id);
  if (g.chance(50)) {
    std::vector<std::string> actor;
    if (std::string m = optional_string_member(g, "id", e.actor_id); !m.empty()) actor.push_back(m);
    if (std::string m = optional_string_member(g, "role", e.actor_role); !m.empty()) actor.push_back(m);
    members.push_back("\"actor\":" + space(g) + "{" + fmt::format("{}", fmt::join(actor, ",")) + "}");
  }
  for (const GenField& f : e.type->fields) {
    GenValue v = g.value(s, f);
    int form = f.optional ? g.pick(3) : 2;
    v.present = form == 2;
    if (form == 1) members.push_back("\"" + f.name + "\":" + space(g) + "null");
    if (form == 2) members.push_back("\"" + f.name + "\":" + space(g) + json_value(g, s, f, v));
    e.values.push_back(v);
  }
  std::shuffle(members.begin(), members.end(), g.rng());
  e.line = space(g) + "{";
  for (std::size_t i = 0; i < members.size(); ++i) e.line += (i ? "," : "") + space(g) + members[i] + space(g);
  e.line += "}" + space(g);
  return e;
}

std::vector<std::string> unique_sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

void check_decoded(test::DecoderFixture& f, const GenEvent& e) {
  INFO(e.line);
  runtime::DecodedEvent d = f.accept(e.line);
  CHECK(d.type == e.type->name);
  CHECK(d.at == e.at);
  CHECK(d.incident.has_value() == !e.type->global);
  if (d.incident) CHECK(f.strings.text(*d.incident) == e.incident);
  CHECK(f.strings.text(d.id.value_or(0)) == e.id);
  CHECK(d.id.has_value() == !e.id.empty());
  CHECK(f.strings.text(d.actor_id) == e.actor_id);
  CHECK(f.strings.text(d.actor_role) == e.actor_role);
  for (std::size_t i = 0; i < e.type->fields.size(); ++i) {
    const GenField& field = e.type->fields[i];
    const GenValue& v = e.values[i];
    INFO(field.name);
    REQUIRE(test::present(d, field.name) == v.present);
    if (!v.present) {
      CHECK(test::word(d, field.name) == 0);
    } else if (field.kind == Kind::String) {
      CHECK(test::text(f, d, field.name) == v.text);
    } else if (field.kind == Kind::Set) {
      std::vector<std::string> stored = test::set_texts(f, d, field.name);
      CHECK(test::sorted(stored) == unique_sorted(v.elements));
      CHECK(stored.size() == unique_sorted(v.elements).size());
    } else {
      CHECK(test::word(d, field.name) == v.number);
    }
  }
}

std::string mutate(Generator& g, std::string line) {
  static const char* const kGarbage[] = {",", "}", "{", "]", "[", "\"", "\\", ":", "null", "1e999", "-", "\xff", "\xc3",
                                         "\x01", " ", "tru", "0.5", "\"x\":1", "\\u12"};
  auto at = [&] { return static_cast<std::size_t>(g.pick(static_cast<int>(line.size()) + 1)); };
  switch (g.pick(5)) {
    case 0: line.resize(at()); break;
    case 1:
      if (!line.empty()) line[at() % line.size()] = static_cast<char>(g.pick(256));
      break;
    case 2: line.insert(at(), kGarbage[g.pick(19)]); break;
    case 3: {
      std::size_t from = at();
      line.erase(from, static_cast<std::size_t>(g.pick(8)));
      break;
    }
    default: {
      std::size_t from = at();
      std::string part = line.substr(from, static_cast<std::size_t>(g.pick(12)));
      line.insert(at(), part);
    }
  }
  return line;
}

bool is_json_reason(runtime::RejectReason r) {
  return r == runtime::RejectReason::InvalidJson || r == runtime::RejectReason::InvalidUtf8 ||
         r == runtime::RejectReason::TooDeep || r == runtime::RejectReason::EmptyLine;
}

void check_mutant(test::DecoderFixture& f, simdjson::dom::parser& dom, const std::string& line) {
  INFO(line);
  std::size_t strings_before = f.strings.size();
  runtime::DecodeResult result = f.decode(line);
  simdjson::padded_string padded(line);
  simdjson::error_code dom_error = dom.parse(padded).error();
  // The DOM parser also refuses numbers it cannot represent (an integer past 64 bits,
  // 1e999), which RFC 8259 allows and the decoder reads as out of range: no verdict then.
  bool judged = dom_error != simdjson::NUMBER_ERROR;
  if (const auto* r = std::get_if<runtime::Rejection>(&result)) {
    CHECK_FALSE(r->message.empty());
    CHECK(f.strings.size() == strings_before);
    if (judged) CHECK(is_json_reason(r->reason) == (dom_error != simdjson::SUCCESS));
  } else {
    CHECK(dom_error == simdjson::SUCCESS);
  }
}

constexpr int kSchemas = 100;
constexpr int kEventsPerSchema = 60;
constexpr int kMutantsPerEvent = 12;

}  // namespace

TEST_CASE("random events over random schemas decode to the values written", "[runtime][decode][property]") {
  for (int seed = 1; seed <= kSchemas; ++seed) {
    Generator g(static_cast<std::uint64_t>(seed));
    GenSchema schema = g.schema();
    INFO("seed " << seed << "\n" << schema.text());
    auto f = test::decoder_for(schema.text());
    for (int i = 0; i < kEventsPerSchema; ++i) check_decoded(*f, event(g, schema));
  }
}

TEST_CASE("damaged lines never crash and are judged JSON as simdjson's DOM judges them", "[runtime][decode][property]") {
  simdjson::dom::parser dom;
  for (int seed = 1; seed <= kSchemas; ++seed) {
    Generator g(static_cast<std::uint64_t>(1000 + seed));
    GenSchema schema = g.schema();
    INFO("seed " << seed << "\n" << schema.text());
    auto f = test::decoder_for(schema.text());
    for (int i = 0; i < kEventsPerSchema; ++i) {
      std::string line = event(g, schema).line;
      for (int m = 0; m < kMutantsPerEvent; ++m) {
        line = g.chance(70) ? mutate(g, line) : mutate(g, mutate(g, line));
        check_mutant(*f, dom, line);
      }
    }
  }
}
