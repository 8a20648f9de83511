#include "runtime/detail/record_reader.hpp"

#include "runtime/detail/sqlite_database.hpp"
#include "runtime/detail/sqlite_statement.hpp"

namespace writ::runtime::detail {

namespace {

constexpr std::string_view kDoing = "cannot read the trail's records";

constexpr std::string_view kAllRecords =
    "SELECT seq, at_ms, incident, kind, construct, name, span, outcome, target, reason, policy_hash, prev_hash, hash "
    "FROM records ORDER BY seq";
constexpr std::string_view kAllValues =
    "SELECT seq, name, value, sensitive, digest FROM record_values ORDER BY seq, ord";
constexpr std::string_view kIncidentRecords =
    "SELECT seq, at_ms, incident, kind, construct, name, span, outcome, target, reason, policy_hash, prev_hash, hash "
    "FROM records WHERE incident = ?1 ORDER BY seq";
constexpr std::string_view kIncidentValues =
    "SELECT v.seq, v.name, v.value, v.sensitive, v.digest FROM record_values v "
    "JOIN records r ON r.seq = v.seq WHERE r.incident = ?1 ORDER BY v.seq, v.ord";

AuditRecord record_from_row(const SqliteStatement& row) {
  AuditRecord r;
  r.seq = row.column_int(0);
  r.at_ms = row.column_int(1);
  r.incident = row.column_text(2);
  r.kind = row.column_text(3);
  r.construct = row.column_text(4);
  r.name = row.column_text(5);
  r.span = row.column_text(6);
  r.outcome = row.column_text(7);
  r.target = row.column_text(8);
  r.reason = row.column_text(9);
  r.policy_hash = row.column_text(10);
  r.prev_hash = row.column_text(11);
  r.hash = row.column_text(12);
  return r;
}

AuditValue value_from_row(const SqliteStatement& row) {
  AuditValue v;
  v.name = row.column_text(1);
  if (!row.column_is_null(2)) v.value = row.column_text(2);
  v.sensitive = row.column_int(3) != 0;
  v.digest = row.column_text(4);
  return v;
}

// The values statement runs one step ahead of the records: `value_row` says whether it
// holds a row not yet consumed.
AuditStatus attach_values(AuditRecord& record, SqliteStatement& values, bool& value_row) {
  while (value_row && values.column_int(0) <= record.seq) {
    if (values.column_int(0) == record.seq) record.values.push_back(value_from_row(values));
    auto next = values.step(kDoing);
    if (!next.ok()) return next.error();
    value_row = next.value();
  }
  return {};
}

AuditStatus walk(SqliteStatement& records, SqliteStatement& values,
                 const std::function<bool(const AuditRecord&)>& visit) {
  auto first = values.step(kDoing);
  if (!first.ok()) return first.error();
  bool value_row = first.value();
  for (;;) {
    auto row = records.step(kDoing);
    if (!row.ok()) return row.error();
    if (!row.value()) return {};
    AuditRecord record = record_from_row(records);
    if (AuditStatus s = attach_values(record, values, value_row); !s.ok()) return s;
    if (!visit(record)) return {};
  }
}

}  // namespace

AuditStatus read_records(SqliteDatabase& db, std::optional<std::string_view> incident,
                         const std::function<bool(const AuditRecord&)>& visit) {
  auto records = SqliteStatement::prepare(db, incident ? kIncidentRecords : kAllRecords);
  if (!records.ok()) return records.error();
  auto values = SqliteStatement::prepare(db, incident ? kIncidentValues : kAllValues);
  if (!values.ok()) return values.error();
  if (incident) {
    records.value().bind(1, *incident);
    values.value().bind(1, *incident);
  }
  return walk(records.value(), values.value(), visit);
}

}  // namespace writ::runtime::detail
