#pragma once
// The tables of an audit trail: created once, and recognised on every open.
#include <string>

#include "runtime/audit_error.hpp"
#include "runtime/audit_meta.hpp"

namespace writ::runtime::detail {

class SqliteDatabase;

// Makes a new, empty trail in WAL mode with `meta` (its head is ignored: a new trail is
// empty). One transaction: a failure leaves no tables behind.
AuditStatus create_schema(SqliteDatabase& db, const AuditMeta& meta);

// Recognises a Writ trail (its application id), checks the format version, reads meta.
AuditResult<AuditMeta> read_meta(SqliteDatabase& db);

}  // namespace writ::runtime::detail
