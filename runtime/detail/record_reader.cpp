#include "runtime/detail/record_reader.hpp"

#include <fmt/format.h>

#include "compiler/sha256.hpp"
#include "runtime/detail/sqlite_database.hpp"
#include "runtime/detail/sqlite_statement.hpp"
#include "runtime/detail/values_column.hpp"

namespace writ::runtime::detail {

namespace {

constexpr std::string_view kDoing = "cannot read the trail's records";

// A policy or incident id that names no row reads as NULL: the record cannot be read.
constexpr std::string_view kAllRecords =
    "SELECT r.seq, r.at_ms, i.name, r.kind, r.construct, r.name, r.span, r.outcome, r.target, r.reason, "
    "p.hash, r.values_json, r.prev_hash, r.hash FROM records r "
    "LEFT JOIN incidents i ON i.id = r.incident LEFT JOIN policies p ON p.id = r.policy ORDER BY r.seq";
constexpr std::string_view kIncidentRecords =
    "SELECT r.seq, r.at_ms, i.name, r.kind, r.construct, r.name, r.span, r.outcome, r.target, r.reason, "
    "p.hash, r.values_json, r.prev_hash, r.hash FROM incidents i "
    "JOIN records r ON r.incident = i.id LEFT JOIN policies p ON p.id = r.policy WHERE i.name = ?1 ORDER BY r.seq";

AuditError unreadable(std::int64_t seq, std::string why) {
  return AuditError{AuditErrorKind::Damaged, fmt::format("record {}: {}", seq, why), seq};
}

// Fills `r` from the row, reusing the buffers it holds from the previous row.
AuditStatus record_from_row(const SqliteStatement& row, const RecordParts& parts, AuditRecord& r) {
  r.seq = row.column_int(0);
  if (row.column_is_null(2)) return unreadable(r.seq, "its incident is not in the incidents table");
  if (row.column_is_null(10)) return unreadable(r.seq, "its policy is not in the policies table");
  r.at_ms = row.column_int(1);
  row.column_text(2, r.incident);
  row.column_text(3, r.kind);
  row.column_text(4, r.construct);
  row.column_text(5, r.name);
  row.column_text(6, r.span);
  row.column_text(7, r.outcome);
  row.column_text(8, r.target);
  row.column_text(9, r.reason);
  row.column_text(10, r.policy_hash);
  if (parts.hashes) {
    // A column that does not hold 32 bytes reads as a text that is no hash: verify names it.
    compiler::hex_into(row.column_view(12), r.prev_hash);
    compiler::hex_into(row.column_view(13), r.hash);
  }
  if (parts.values_of && !parts.values_of(r.kind)) {
    r.values.clear();
    return {};
  }
  std::string why;
  if (parse_values_column(row.column_view(11), r.values, why)) return {};
  return unreadable(r.seq, "its values are not readable: " + why);
}

}  // namespace

AuditStatus read_records(SqliteDatabase& db, std::optional<std::string_view> incident,
                         const std::function<bool(const AuditRecord&)>& visit, const RecordParts& parts) {
  auto records = SqliteStatement::prepare(db, incident ? kIncidentRecords : kAllRecords);
  if (!records.ok()) return records.error();
  if (incident) records.value().bind(1, *incident);
  AuditRecord record;
  for (;;) {
    auto row = records.value().step(kDoing);
    if (!row.ok()) return row.error();
    if (!row.value()) return {};
    if (AuditStatus s = record_from_row(records.value(), parts, record); !s.ok()) return s;
    if (!visit(record)) return {};
  }
}

}  // namespace writ::runtime::detail
