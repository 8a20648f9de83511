#pragma once
// Reads stored records, each with its values, in seq order.
#include <functional>
#include <optional>
#include <string_view>

#include "runtime/audit_error.hpp"
#include "runtime/audit_record.hpp"

namespace writ::runtime::detail {

class SqliteDatabase;

// All records, or those of one incident; `visit` returns false to stop. The record it is
// given is reused for the next one; the parts not read are empty. A record that cannot be
// read (its values column is not one, its incident or policy id names no row) stops the
// walk with a Damaged error carrying its seq.
AuditStatus read_records(SqliteDatabase& db, std::optional<std::string_view> incident,
                         const std::function<bool(const AuditRecord&)>& visit, const RecordParts& parts = {});

}  // namespace writ::runtime::detail
