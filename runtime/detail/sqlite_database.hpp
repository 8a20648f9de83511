#pragma once
// An SQLite connection owned by an object, with SQLite's failures turned into AuditErrors.
#include <memory>
#include <string>
#include <string_view>

#include "runtime/audit_error.hpp"

struct sqlite3;

namespace writ::runtime::detail {

class SqliteDatabase {
 public:
  // `flags` are sqlite3_open_v2's; `vfs` empty for SQLite's default file layer.
  static AuditResult<std::unique_ptr<SqliteDatabase>> open(const std::string& path, int flags, const std::string& vfs);
  ~SqliteDatabase();
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  sqlite3* handle() const { return db_; }
  // Runs SQL that returns no rows; `doing` starts the message of a failure.
  AuditStatus exec(const char* sql, std::string_view doing);
  // The error for result code `rc` of the last call on this connection.
  AuditError error(int rc, std::string_view doing) const;

 private:
  explicit SqliteDatabase(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

// The error for result code `rc`, with SQLite's message for it when `db` has one.
AuditError sqlite_error(sqlite3* db, int rc, std::string_view doing);

}  // namespace writ::runtime::detail
