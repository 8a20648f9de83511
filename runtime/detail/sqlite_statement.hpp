#pragma once
// A prepared SQLite statement owned by an object. Values are bound, never spliced into SQL.
#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/audit_error.hpp"

struct sqlite3_stmt;

namespace writ::runtime::detail {

class SqliteDatabase;

class SqliteStatement {
 public:
  static AuditResult<SqliteStatement> prepare(SqliteDatabase& db, std::string_view sql);
  ~SqliteStatement();
  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement& operator=(SqliteStatement&& other) noexcept;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  // Parameters count from 1. A failed bind is reported by the next step().
  SqliteStatement& bind(int index, std::int64_t value);
  SqliteStatement& bind(int index, std::string_view text);
  SqliteStatement& bind_blob(int index, std::string_view bytes);
  SqliteStatement& bind_null(int index);
  // Without SQLite's copy: the bytes must stay valid and unchanged until the statement is
  // reset (run() resets it), as those of a record being inserted do.
  SqliteStatement& bind_static(int index, std::string_view text);
  SqliteStatement& bind_blob_static(int index, std::string_view bytes);

  // true: a row is ready; false: the statement has finished.
  AuditResult<bool> step(std::string_view doing);
  // Runs a statement that returns no rows and resets it for the next use.
  AuditStatus run(std::string_view doing);
  // Ready to run again, with its bindings cleared.
  void reset();

  // Columns count from 0.
  std::int64_t column_int(int index) const;
  std::string column_text(int index) const;  // also the bytes of a BLOB
  // The same into `out`, reusing its buffer.
  void column_text(int index, std::string& out) const;
  // The same as a view, valid until the next step or reset.
  std::string_view column_view(int index) const;
  bool column_is_null(int index) const;

 private:
  SqliteStatement& note_bind(int rc);
  SqliteStatement(SqliteDatabase& db, sqlite3_stmt* stmt) : db_(&db), stmt_(stmt) {}
  SqliteDatabase* db_;
  sqlite3_stmt* stmt_;
  int bind_rc_ = 0;
};

}  // namespace writ::runtime::detail
