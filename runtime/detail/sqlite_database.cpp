#include "runtime/detail/sqlite_database.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <mutex>

namespace writ::runtime::detail {

namespace {

AuditErrorKind kind_of(int rc) {
  switch (rc & 0xff) {
    case SQLITE_NOTADB: return AuditErrorKind::NotATrail;
    case SQLITE_CORRUPT: return AuditErrorKind::Damaged;
    case SQLITE_FULL: return AuditErrorKind::DiskFull;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return AuditErrorKind::Busy;
    case SQLITE_MISUSE: return AuditErrorKind::Misuse;
    default: return AuditErrorKind::Io;
  }
}

// Hardening for files from elsewhere (an auditor verifies exports they were handed): no
// schema-borne SQL functions, no writes to the schema, page checks while reading.
AuditStatus harden(SqliteDatabase& db) {
  sqlite3_db_config(db.handle(), SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(db.handle(), SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  sqlite3_busy_timeout(db.handle(), 2000);
  return db.exec("PRAGMA cell_size_check = ON", "cannot configure the database");
}

// SQLite counts every allocation under a process-wide mutex by default, for
// sqlite3_memory_used(), which Writ never reads; the writing thread allocates several times
// per record. The count can only be turned off before SQLite initializes: when the process
// has used SQLite before the first trail (an embedder), this has no effect and SQLite counts
// on.
void skip_memory_count() {
  static std::once_flag once;
  std::call_once(once, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

AuditError sqlite_error(sqlite3* db, int rc, std::string_view doing) {
  const char* message = db != nullptr && sqlite3_errcode(db) != SQLITE_OK ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  return AuditError{kind_of(rc), fmt::format("{}: {}", doing, message)};
}

AuditResult<std::unique_ptr<SqliteDatabase>> SqliteDatabase::open(const std::string& path, int flags,
                                                                   const std::string& vfs) {
  skip_memory_count();
  sqlite3* raw = nullptr;
  // NOMUTEX: a connection is used by one thread at a time, so SQLite's per-call locking of
  // it is pure cost.
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX,
                           vfs.empty() ? nullptr : vfs.c_str());
  std::unique_ptr<SqliteDatabase> db(new SqliteDatabase(raw));
  if (rc != SQLITE_OK) return sqlite_error(raw, rc, "cannot open");
  if (AuditStatus s = harden(*db); !s.ok()) return s.error();
  return db;
}

SqliteDatabase::~SqliteDatabase() { sqlite3_close_v2(db_); }

AuditStatus SqliteDatabase::exec(const char* sql, std::string_view doing) {
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return error(rc, doing);
  return {};
}

AuditError SqliteDatabase::error(int rc, std::string_view doing) const { return sqlite_error(db_, rc, doing); }

}  // namespace writ::runtime::detail
