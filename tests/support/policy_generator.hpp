#pragma once
// Test helper for the differential test: from a seed, a random well-typed policy (enums,
// event schemas with optional fields, state and global fields, consts, tables, and rules
// whose `when` conditions and `set` values are random expressions of every type and
// operator), as text, so it goes through the real parser and checker; and random records
// for its layouts, with extreme ints, times around DST changes, empty sets and absent
// optionals.
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "compiler/record_layout.hpp"
#include "lang/ast.hpp"
#include "lang/literals.hpp"

namespace writ::test {

// Strings literals and records draw from, so equality and membership often hold.
inline const std::vector<std::string>& string_pool() {
  static const std::vector<std::string> pool = {"", "db", "DB", "web", "Web-01", "api", "x", "é", "ÄB", "pay", "payments"};
  return pool;
}

// Instants around the 2026 daylight-saving changes in Europe and the US.
inline const std::vector<std::int64_t>& dst_instants() {
  static const std::vector<std::int64_t> instants = {
      *lang::parse_time("2026-03-29T01:00:00Z"), *lang::parse_time("2026-10-25T01:00:00Z"),
      *lang::parse_time("2026-03-08T10:00:00Z"), *lang::parse_time("2026-11-01T09:00:00Z")};
  return instants;
}

class PolicyGenerator {
 public:
  enum class Kind { Int, Duration, Time, Bool, String, Set, Enum };
  struct Ty {
    Kind kind = Kind::Int;
    int enum_index = 0;
    bool operator==(const Ty&) const = default;
  };

  explicit PolicyGenerator(std::uint64_t seed) : rng_(seed) {}

  std::string policy(int rules) {
    std::string out;
    int enums = 1 + pick(2);
    for (int e = 0; e < enums; ++e) {
      enum_sizes_.push_back(2 + pick(3));
      std::vector<std::string> values;
      for (int v = 0; v < enum_sizes_.back(); ++v) values.push_back(enum_value(e, v));
      out += fmt::format("enum E{} {{ {} }}\n", e, fmt::join(values, ", "));
    }
    for (const Ty& t : all_types()) {
      consts_.push_back({fmt::format("c{}", consts_.size()), t});
      out += fmt::format("const {} = {}\n", consts_.back().name, literal(t));
    }
    int events = 1 + pick(2);
    for (int e = 0; e < events; ++e) {
      Event ev{fmt::format("e{}.t", e), {}};
      int fields = 2 + pick(8);
      std::vector<std::string> decls;
      for (int f = 0; f < fields; ++f) {
        Field field{fmt::format("f{}", f), random_type(), pick(3) == 0};
        decls.push_back(fmt::format("{}: {}{}", field.name, type_text(field.type), field.optional ? "?" : ""));
        ev.fields.push_back(field);
      }
      out += fmt::format("event {} {{ {} }}\n", ev.type, fmt::join(decls, ", "));
      events_.push_back(ev);
    }
    for (const char* record : {"state", "global"}) {
      out += fmt::format("{} {{\n", record);
      for (const Ty& t : all_types()) out += fmt::format("  {}: {} = {}\n", field_of(record[0], t), type_text(t), literal(t));
      out += "}\n";
    }
    for (int t = 0; t < 3; ++t) out += table();
    for (int r = 0; r < rules; ++r) out += rule(r);
    return out;
  }

 private:
  struct Field {
    std::string name;
    Ty type;
    bool optional;
  };
  struct Event {
    std::string type;
    std::vector<Field> fields;
  };
  struct Named {
    std::string name;
    Ty type;
  };
  struct Table {
    std::string name;
    std::vector<Ty> keys;
    Ty value;
  };

  int pick(int n) { return static_cast<int>(rng_() % static_cast<std::uint64_t>(n)); }
  bool chance(int percent) { return pick(100) < percent; }

  static std::string enum_value(int e, int v) { return fmt::format("{}{}", static_cast<char>('A' + e), v); }
  static std::string field_of(char record, const Ty& t) {
    static const char* names[] = {"int", "dur", "time", "bool", "str", "set", "enum"};
    std::string name = fmt::format("{}_{}", record, names[static_cast<int>(t.kind)]);
    return t.kind == Kind::Enum ? name + std::to_string(t.enum_index) : name;
  }

  std::vector<Ty> all_types() const {
    std::vector<Ty> out = {{Kind::Int}, {Kind::Duration}, {Kind::Time}, {Kind::Bool}, {Kind::String}, {Kind::Set}};
    for (std::size_t e = 0; e < enum_sizes_.size(); ++e) out.push_back({Kind::Enum, static_cast<int>(e)});
    return out;
  }
  Ty random_type() {
    auto types = all_types();
    return types[pick(static_cast<int>(types.size()))];
  }
  std::string type_text(const Ty& t) const {
    switch (t.kind) {
      case Kind::Int: return "int";
      case Kind::Duration: return "duration";
      case Kind::Time: return "time";
      case Kind::Bool: return "bool";
      case Kind::String: return "string";
      case Kind::Set: return "set<string>";
      case Kind::Enum: return fmt::format("E{}", t.enum_index);
    }
    return "int";
  }

  std::string string_literal() { return lang::quote_string(string_pool()[pick(static_cast<int>(string_pool().size()))]); }

  std::string literal(const Ty& t) {
    switch (t.kind) {
      case Kind::Int: {
        static const std::int64_t values[] = {0, 1, -1, 2, 7, -7, 1000, 86400000, std::numeric_limits<std::int64_t>::max()};
        if (chance(10)) return "(-9223372036854775807 - 1)";
        std::int64_t v = chance(20) ? static_cast<std::int64_t>(rng_() >> 1) : values[pick(9)];
        return v < 0 ? fmt::format("(-{})", -v) : std::to_string(v);
      }
      case Kind::Duration: {
        static const std::int64_t values[] = {0, 1, 1000, 60000, 3600000, 86400000, 604800000};
        std::int64_t v = chance(25) ? static_cast<std::int64_t>(rng_() % 10'000'000'000ull) : values[pick(7)];
        std::string text = lang::format_duration(v);
        return chance(20) ? fmt::format("(-{})", text) : text;
      }
      case Kind::Time: {
        std::int64_t base = dst_instants()[pick(static_cast<int>(dst_instants().size()))];
        return lang::format_time(base + (pick(7) - 3) * 1'800'000);
      }
      case Kind::Bool: return chance(50) ? "true" : "false";
      case Kind::String: return string_literal();
      case Kind::Set: {
        // Distinct literal elements only: a repeated one is E0510.
        std::vector<std::string> items;
        for (int i = pick(4); i > 0; --i) {
          std::string s = string_literal();
          if (std::find(items.begin(), items.end(), s) == items.end()) items.push_back(s);
        }
        return fmt::format("{{{}}}", fmt::join(items, ", "));
      }
      case Kind::Enum: return enum_value(t.enum_index, pick(enum_sizes_[t.enum_index]));
    }
    return "0";
  }

  std::string table() {
    Table t{fmt::format("t{}", tables_.size()), {}, random_type()};
    std::vector<std::string> key_types;
    for (int k = 1 + (chance(30) ? 1 : 0); k > 0; --k) {
      static const Kind kinds[] = {Kind::Int, Kind::String, Kind::Enum};
      Ty key{kinds[pick(3)], 0};
      if (key.kind == Kind::Enum) key.enum_index = pick(static_cast<int>(enum_sizes_.size()));
      t.keys.push_back(key);
      key_types.push_back(type_text(key));
    }
    std::string out = key_types.size() == 1 ? fmt::format("table {}: {} -> {} {{\n", t.name, key_types[0], type_text(t.value))
                                            : fmt::format("table {}: ({}) -> {} {{\n", t.name, fmt::join(key_types, ", "),
                                                          type_text(t.value));
    std::vector<std::string> seen;
    for (int r = pick(5); r > 0; --r) {
      std::vector<std::string> keys;
      for (const Ty& k : t.keys) keys.push_back(table_key(k));
      std::string written = keys.size() == 1 ? keys[0] : fmt::format("({})", fmt::join(keys, ", "));
      if (std::find(seen.begin(), seen.end(), written) != seen.end()) continue;  // E0510
      seen.push_back(written);
      out += fmt::format("  {} => {}\n", written, literal(t.value));
    }
    out += fmt::format("  otherwise => {}\n}}\n", literal(t.value));
    tables_.push_back(t);
    return out;
  }

  std::string table_key(const Ty& k) {
    if (k.kind == Kind::Int) return std::to_string(pick(4) == 0 ? 1000 : pick(4));
    if (k.kind == Kind::String) return string_literal();
    return literal(k);
  }

  std::string rule(int index) {
    event_ = &events_[pick(static_cast<int>(events_.size()))];
    std::string out = fmt::format("rule r{} on {} when {} {{\n", index, event_->type, expr({Kind::Bool}, 4));
    Ty first = random_type();
    Ty second = random_type();
    out += fmt::format("  set {} = {}\n", field_of('s', first), expr(first, 4));
    if (!(second == first)) out += fmt::format("  set {} = {}\n", field_of('s', second), expr(second, 4));
    return out + "}\n";
  }

  // A read of something of type t that is not a literal.
  std::string leaf(const Ty& t) {
    std::vector<std::string> options = {literal(t), field_of('s', t), field_of('g', t)};
    options[1] = "state." + options[1];
    options[2] = "global." + options[2];
    for (const Named& c : consts_) {
      if (c.type == t) options.push_back(c.name);
    }
    for (const Field& f : event_->fields) {
      if (!(f.type == t)) continue;
      std::string read = "event." + f.name;
      options.push_back(f.optional ? fmt::format("(if has({0}) then {0} else {1})", read, literal(t)) : read);
    }
    switch (t.kind) {
      case Kind::Time: options.insert(options.end(), {"now", "event.at"}); break;
      case Kind::Duration: options.push_back("age"); break;
      case Kind::String:
        options.insert(options.end(), {"event.incident", "event.type", "actor.id", "actor.role",
                                       fmt::format("(if has(event.id) then event.id else {})", string_literal())});
        break;
      default: break;
    }
    return options[pick(static_cast<int>(options.size()))];
  }

  std::string table_call(const Ty& t, int depth) {
    std::vector<const Table*> fitting;
    for (const Table& table : tables_) {
      if (table.value == t) fitting.push_back(&table);
    }
    if (fitting.empty()) return leaf(t);
    const Table& table = *fitting[pick(static_cast<int>(fitting.size()))];
    std::vector<std::string> keys;
    for (const Ty& k : table.keys) keys.push_back(expr(k, depth - 1));
    return fmt::format("{}({})", table.name, fmt::join(keys, ", "));
  }

  std::string binary(const char* op, const Ty& a, const Ty& b, int depth) {
    return fmt::format("({} {} {})", expr(a, depth - 1), op, expr(b, depth - 1));
  }
  std::string call(const char* name, const Ty& a, const Ty& b, int depth) {
    return fmt::format("{}({}, {})", name, expr(a, depth - 1), expr(b, depth - 1));
  }
  std::string if_expr(const Ty& t, int depth) {
    return fmt::format("(if {} then {} else {})", expr({Kind::Bool}, depth - 1), expr(t, depth - 1), expr(t, depth - 1));
  }

  std::string bool_expr(int depth) {
    const Ty B{Kind::Bool}, S{Kind::String}, Set{Kind::Set};
    static const char* orderings[] = {"<", "<=", ">", ">="};
    switch (pick(12)) {
      case 0: return binary("and", B, B, depth);
      case 1: return binary("or", B, B, depth);
      case 2: return fmt::format("(not {})", expr(B, depth - 1));
      case 3: {
        Ty t = random_type();
        return binary(chance(50) ? "==" : "!=", t, t, depth);
      }
      case 4: {
        static const Kind ordered[] = {Kind::Int, Kind::Duration, Kind::Time, Kind::Enum};
        Ty t{ordered[pick(4)], 0};
        if (t.kind == Kind::Enum) t.enum_index = pick(static_cast<int>(enum_sizes_.size()));
        return binary(orderings[pick(4)], t, t, depth);
      }
      case 5: return binary(chance(50) ? "in" : "not in", S, Set, depth);
      case 6: return binary("contains", Set, S, depth);
      case 7: return binary(chance(50) ? "contains all" : "contains any", Set, Set, depth);
      case 8: return call("starts_with", S, S, depth);
      case 9: {
        // has() guarding a read of the field inside the same condition.
        for (const Field& f : event_->fields) {
          if (f.optional && chance(50)) {
            return fmt::format("(has(event.{0}) and (event.{0} == {1}))", f.name, expr(f.type, depth - 1));
          }
        }
        return fmt::format("(not has(event.id) or (event.id == {}))", string_literal());
      }
      case 10: return if_expr(B, depth);
      default: return table_call(B, depth);
    }
  }

  std::string expr(const Ty& t, int depth) {
    if (depth <= 0 || chance(25)) return leaf(t);
    const Ty I{Kind::Int}, D{Kind::Duration}, T{Kind::Time}, S{Kind::String}, Set{Kind::Set};
    static const char* arithmetic[] = {"+", "-", "*", "/", "%"};
    switch (t.kind) {
      case Kind::Int:
        switch (pick(7)) {
          case 0: return binary(arithmetic[pick(5)], I, I, depth);
          case 1: return fmt::format("(-{})", expr(I, depth - 1));
          case 2: return binary("/", D, D, depth);
          case 3: return call(chance(50) ? "min" : "max", I, I, depth);
          case 4: return fmt::format("len({})", expr(Set, depth - 1));
          case 5: return if_expr(t, depth);
          default: return table_call(t, depth);
        }
      case Kind::Duration:
        switch (pick(10)) {
          case 0: return binary(chance(50) ? "+" : "-", D, D, depth);
          case 1: return binary("-", T, T, depth);
          case 2: return binary("*", D, I, depth);
          case 3: return binary("*", I, D, depth);
          case 4: return binary("/", D, I, depth);
          case 5: return binary("%", D, D, depth);
          case 6: return fmt::format("(-{})", expr(D, depth - 1));
          case 7: return call(chance(50) ? "min" : "max", D, D, depth);
          case 8: return if_expr(t, depth);
          default: return table_call(t, depth);
        }
      case Kind::Time:
        switch (pick(6)) {
          case 0: return binary("+", T, D, depth);
          case 1: return binary("+", D, T, depth);
          case 2: return binary("-", T, D, depth);
          case 3: return call(chance(50) ? "min" : "max", T, T, depth);
          case 4: return if_expr(t, depth);
          default: return table_call(t, depth);
        }
      case Kind::Bool: return bool_expr(depth);
      case Kind::String:
        switch (pick(3)) {
          case 0: return fmt::format("lower({})", expr(S, depth - 1));
          case 1: return if_expr(t, depth);
          default: return table_call(t, depth);
        }
      case Kind::Set:
        switch (pick(3)) {
          case 0: {
            // Dynamic elements, possibly equal at run time; literal ones distinct.
            std::vector<std::string> items;
            for (int i = pick(4); i > 0; --i) items.push_back(chance(50) ? expr(S, depth - 1) : leaf(S));
            std::vector<std::string> unique;
            for (const std::string& item : items) {
              if (item.front() == '"' && std::find(unique.begin(), unique.end(), item) != unique.end()) continue;
              unique.push_back(item);
            }
            return fmt::format("{{{}}}", fmt::join(unique, ", "));
          }
          case 1: return if_expr(t, depth);
          default: return table_call(t, depth);
        }
      case Kind::Enum: return chance(50) ? if_expr(t, depth) : table_call(t, depth);
    }
    return leaf(t);
  }

  std::mt19937_64 rng_;
  std::vector<int> enum_sizes_;
  std::vector<Named> consts_;
  std::vector<Event> events_;
  std::vector<Table> tables_;
  const Event* event_ = nullptr;
};

// Random contents for a record of `layout`: every field, reserved ones included.
class RecordGenerator {
 public:
  RecordGenerator(std::uint64_t seed, compiler::StringTable& strings) : rng_(seed), strings_(strings) {}

  compiler::Record record(const compiler::RecordLayout& layout) {
    compiler::Record r(layout);
    for (const compiler::FieldSlot& f : layout.fields()) {
      if (f.type.optional && pick(2) == 0) continue;  // absent
      if (f.is_set()) {
        std::vector<compiler::StringId> ids;
        for (int i = pick(4); i > 0; --i) ids.push_back(string_id());
        r.set_set(f, std::move(ids));
      } else {
        r.set_scalar(f, scalar(f.type));
      }
    }
    return r;
  }

  std::int64_t time() {
    if (pick(10) == 0) return extreme();
    return dst_instants()[pick(static_cast<int>(dst_instants().size()))] + pick(14'400'001) - 7'200'000;
  }

 private:
  int pick(int n) { return static_cast<int>(rng_() % static_cast<std::uint64_t>(n)); }

  std::int64_t extreme() {
    static const std::int64_t values[] = {std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max(),
                                          std::numeric_limits<std::int64_t>::min() + 1, std::numeric_limits<std::int64_t>::max() - 1,
                                          0, -1, 1};
    return values[pick(7)];
  }

  std::int64_t number() {
    switch (pick(4)) {
      case 0: return extreme();
      case 1: return pick(201) - 100;
      case 2: return static_cast<std::int64_t>(rng_());
      default: return (pick(2) == 0 ? 1 : -1) * static_cast<std::int64_t>(pick(1'000'000'000));
    }
  }

  compiler::StringId string_id() {
    if (pick(8) == 0) return strings_.intern(fmt::format("s{}", pick(1000)));
    return strings_.intern(string_pool()[pick(static_cast<int>(string_pool().size()))]);
  }

  std::int64_t scalar(const lang::Type& t) {
    using K = lang::Type::Kind;
    switch (t.kind) {
      case K::Bool: return pick(2);
      case K::String: return string_id();
      case K::Time: return time();
      case K::Enum: return t.enum_decl ? pick(static_cast<int>(t.enum_decl->values.size())) : 0;
      default: return number();
    }
  }

  std::mt19937_64 rng_;
  compiler::StringTable& strings_;
};

}  // namespace writ::test
