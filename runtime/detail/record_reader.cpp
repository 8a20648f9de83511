#include "runtime/detail/record_reader.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <unordered_map>

#include "compiler/sha256.hpp"
#include "runtime/detail/block_builder.hpp"
#include "runtime/detail/sqlite_database.hpp"
#include "runtime/detail/sqlite_statement.hpp"
#include "runtime/detail/values_column.hpp"

namespace writ::runtime::detail {

namespace {

namespace ondemand = simdjson::ondemand;

constexpr std::string_view kDoing = "cannot read the trail's records";

struct Site {
  std::string kind, construct, name, span, outcome, target;
};

// The rows that records name by id, read once before the blocks.
struct Names {
  std::unordered_map<std::int64_t, std::string> incidents;
  std::unordered_map<std::int64_t, std::string> policies;
  std::unordered_map<std::int64_t, Site> sites;
};

AuditStatus read_texts(SqliteDatabase& db, std::string_view sql, std::unordered_map<std::int64_t, std::string>& out) {
  auto stmt = SqliteStatement::prepare(db, sql);
  if (!stmt.ok()) return stmt.error();
  for (;;) {
    auto row = stmt.value().step(kDoing);
    if (!row.ok()) return row.error();
    if (!row.value()) return {};
    stmt.value().column_text(1, out[stmt.value().column_int(0)]);
  }
}

AuditStatus read_sites(SqliteDatabase& db, std::unordered_map<std::int64_t, Site>& out) {
  auto stmt = SqliteStatement::prepare(db, "SELECT id, kind, construct, name, span, outcome, target FROM sites");
  if (!stmt.ok()) return stmt.error();
  for (;;) {
    auto row = stmt.value().step(kDoing);
    if (!row.ok()) return row.error();
    if (!row.value()) return {};
    const SqliteStatement& r = stmt.value();
    out[r.column_int(0)] = Site{r.column_text(1), r.column_text(2), r.column_text(3),
                                r.column_text(4), r.column_text(5), r.column_text(6)};
  }
}

AuditResult<Names> read_names(SqliteDatabase& db) {
  Names names;
  if (AuditStatus s = read_texts(db, "SELECT id, name FROM incidents", names.incidents); !s.ok()) return s.error();
  if (AuditStatus s = read_texts(db, "SELECT id, hash FROM policies", names.policies); !s.ok()) return s.error();
  if (AuditStatus s = read_sites(db, names.sites); !s.ok()) return s.error();
  return names;
}

// 0 when no incident has that name: then no record names it either.
AuditResult<std::int64_t> incident_id(SqliteDatabase& db, std::string_view name) {
  auto stmt = SqliteStatement::prepare(db, "SELECT id FROM incidents WHERE name = ?1");
  if (!stmt.ok()) return stmt.error();
  stmt.value().bind(1, name);
  auto row = stmt.value().step(kDoing);
  if (!row.ok()) return row.error();
  return row.value() ? stmt.value().column_int(0) : 0;
}

AuditError unreadable(std::int64_t seq, std::string why) {
  return AuditError{AuditErrorKind::Damaged, fmt::format("record {}: {}", seq, why), seq};
}

template <class T>
const T* find(const std::unordered_map<std::int64_t, T>& map, std::int64_t id) {
  auto it = map.find(id);
  return it == map.end() ? nullptr : &it->second;
}

// Reads the blocks one after the other into one reused record, and hands each record (of
// the incident asked for, if one was) to the visitor. The elements of another incident's
// records are skipped once their incident id is read: their values are not decoded.
class BlockReader {
 public:
  // `incident_id`: the id of `incident` when only its records are read; 0 for all.
  BlockReader(const Names& names, std::optional<std::string_view> incident, std::int64_t incident_id,
              const RecordParts& parts, const std::function<bool(const AuditRecord&)>& visit)
      : names_(names), incident_(incident_id), parts_(parts), visit_(visit) {
    if (incident) record_.incident.assign(*incident);
  }

  // false once the visitor stopped the walk.
  AuditResult<bool> read(std::int64_t first_seq, std::string_view prev_hash, std::string_view hashes,
                         std::string_view body);

 private:
  enum class Element { Visit, Skip };
  AuditResult<Element> element(ondemand::value& value, std::int64_t expected_seq);
  AuditStatus field(ondemand::value& value, std::size_t index, bool& skip);
  AuditStatus ids(std::size_t index, std::int64_t id, bool& skip);
  // Damage is named by the record's place in the chain, not by the seq its element claims.
  AuditError bad(std::string why) const { return unreadable(at_, std::move(why)); }
  void set_hashes(std::string_view prev_hash, std::string_view hashes, std::size_t k);

  const Names& names_;
  std::int64_t incident_;  // 0: every record
  const RecordParts& parts_;
  const std::function<bool(const AuditRecord&)>& visit_;
  ondemand::parser parser_;
  std::string buffer_;  // the body and simdjson's padding
  AuditRecord record_;
  std::int64_t at_ = 0;  // the seq the record being read should have
};

AuditResult<bool> BlockReader::read(std::int64_t first_seq, std::string_view prev_hash, std::string_view hashes,
                                    std::string_view body) {
  buffer_.assign(body);
  buffer_.resize(body.size() + simdjson::SIMDJSON_PADDING);
  ondemand::document doc;
  ondemand::array elements;
  simdjson::error_code e = parser_.iterate(buffer_.data(), body.size(), buffer_.size()).get(doc);
  if (!e) e = doc.get_array().get(elements);
  if (e) {
    return unreadable(first_seq, fmt::format("its block's body is not a JSON array ({})", simdjson::error_message(e)));
  }
  const std::size_t stored_hashes = hashes.size() / kHashBytes;
  std::size_t k = 0;
  for (auto item : elements) {
    std::int64_t expected = first_seq + static_cast<std::int64_t>(k);
    ondemand::value value;
    if (simdjson::error_code ie = item.get(value); ie) {
      return unreadable(expected, fmt::format("its block's body is not JSON ({})", simdjson::error_message(ie)));
    }
    auto got = element(value, expected);
    if (!got.ok()) return got.error();
    if (k == 0 && record_.seq != first_seq) {
      return bad(fmt::format("its block starts with record {}", record_.seq));
    }
    if (k >= stored_hashes) {
      return bad(fmt::format("its block (from record {}) holds {} bytes of hashes: none for this record", first_seq,
                             hashes.size()));
    }
    if (got.value() == Element::Visit) {
      if (parts_.hashes) set_hashes(prev_hash, hashes, k);
      if (!visit_(record_)) return false;
    }
    ++k;
  }
  std::int64_t after = first_seq + static_cast<std::int64_t>(k);
  // Past the array's end, simdjson has no location left unless more text follows.
  if (!doc.current_location().error()) return unreadable(first_seq, "its block's body has text after the array");
  if (hashes.size() != k * kHashBytes) {
    return unreadable(after, fmt::format("its block (from record {}) holds {} records but {} bytes of "
                                         "hashes, not {}",
                                         first_seq, k, hashes.size(), k * kHashBytes));
  }
  return true;
}

// A hash that is not 32 bytes reads as a text that is no hash: verify names it.
void BlockReader::set_hashes(std::string_view prev_hash, std::string_view hashes, std::size_t k) {
  compiler::hex_into(k == 0 ? prev_hash : hashes.substr((k - 1) * kHashBytes, kHashBytes), record_.prev_hash);
  compiler::hex_into(hashes.substr(k * kHashBytes, kHashBytes), record_.hash);
}

// `[seq, at_ms, incident, site, reason, policy, values]`
AuditResult<BlockReader::Element> BlockReader::element(ondemand::value& value, std::int64_t expected_seq) {
  at_ = expected_seq;
  record_.seq = expected_seq;
  ondemand::array fields;
  if (value.get_array().get(fields)) return bad("its element in its block is not an array");
  std::size_t index = 0;
  bool skip = false;
  for (auto item : fields) {
    ondemand::value field_value;
    if (simdjson::error_code e = item.get(field_value); e) {
      return bad(fmt::format("its block's body is not JSON ({})", simdjson::error_message(e)));
    }
    if (index == 7) return bad("its element in its block has more than 7 items");
    if (AuditStatus s = field(field_value, index++, skip); !s.ok()) return s.error();
    if (skip) return Element::Skip;
  }
  if (index != 7) return bad(fmt::format("its element in its block has {} items, not 7", index));
  return Element::Visit;
}

AuditStatus BlockReader::field(ondemand::value& value, std::size_t index, bool& skip) {
  static constexpr const char* kNames[] = {"seq", "at_ms", "incident", "site", "reason", "policy", "values"};
  if (index == 4) {
    std::string_view reason;
    if (value.get_string().get(reason)) return bad("its reason is not a string");
    record_.reason.assign(reason);
    return {};
  }
  if (index == 6) {
    if (parts_.values_of && !parts_.values_of(record_.kind)) {
      record_.values.clear();
      return {};
    }
    ondemand::array array;
    std::string_view text;
    std::string why;
    if (value.get_array().get(array) || array.raw_json().get(text)) {
      return bad("its values are not readable: not a JSON array");
    }
    if (!parse_values_column(text, record_.values, why)) return bad("its values are not readable: " + why);
    return {};
  }
  std::int64_t number = 0;
  if (value.get_int64().get(number)) return bad(fmt::format("its {} is not an integer", kNames[index]));
  return ids(index, number, skip);
}

AuditStatus BlockReader::ids(std::size_t index, std::int64_t id, bool& skip) {
  switch (index) {
    case 0: record_.seq = id; return {};
    case 1: record_.at_ms = id; return {};
    case 2: {
      if (incident_ != 0) {
        skip = id != incident_;
        return {};
      }
      const std::string* name = find(names_.incidents, id);
      if (name == nullptr) return bad("its incident is not in the incidents table");
      record_.incident.assign(*name);
      return {};
    }
    case 3: {
      const Site* site = find(names_.sites, id);
      if (site == nullptr) return bad("its site is not in the sites table");
      record_.kind.assign(site->kind);
      record_.construct.assign(site->construct);
      record_.name.assign(site->name);
      record_.span.assign(site->span);
      record_.outcome.assign(site->outcome);
      record_.target.assign(site->target);
      return {};
    }
    default: {
      const std::string* hash = find(names_.policies, id);
      if (hash == nullptr) return bad("its policy is not in the policies table");
      record_.policy_hash.assign(*hash);
      return {};
    }
  }
}

}  // namespace

AuditStatus read_records(SqliteDatabase& db, std::optional<std::string_view> incident,
                         const std::function<bool(const AuditRecord&)>& visit, const RecordParts& parts) {
  std::int64_t wanted = 0;
  if (incident) {
    auto id = incident_id(db, *incident);
    if (!id.ok()) return id.error();
    if (id.value() == 0) return {};
    wanted = id.value();
  }
  auto names = read_names(db);
  if (!names.ok()) return names.error();
  auto blocks =
      SqliteStatement::prepare(db, "SELECT first_seq, prev_hash, hashes, body FROM blocks ORDER BY first_seq");
  if (!blocks.ok()) return blocks.error();
  BlockReader reader(names.value(), incident, wanted, parts, visit);
  for (;;) {
    auto row = blocks.value().step(kDoing);
    if (!row.ok()) return row.error();
    if (!row.value()) return {};
    const SqliteStatement& b = blocks.value();
    auto more = reader.read(b.column_int(0), b.column_view(1), b.column_view(2), b.column_view(3));
    if (!more.ok()) return more.error();
    if (!more.value()) return {};
  }
}

}  // namespace writ::runtime::detail
