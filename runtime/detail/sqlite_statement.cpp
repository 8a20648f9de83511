#include "runtime/detail/sqlite_statement.hpp"

#include <sqlite3.h>

#include <utility>

#include "runtime/detail/sqlite_database.hpp"

namespace writ::runtime::detail {

AuditResult<SqliteStatement> SqliteStatement::prepare(SqliteDatabase& db, std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db.handle(), sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                              nullptr);
  // A statement of ours that does not prepare means the tables are not the ones Writ made.
  if (rc != SQLITE_OK) {
    AuditError e = db.error(rc, "the database does not have the tables of a Writ audit trail");
    if (e.kind == AuditErrorKind::Io) e.kind = AuditErrorKind::Damaged;
    return e;
  }
  return SqliteStatement(db, stmt);
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(stmt_); }

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)), bind_rc_(other.bind_rc_) {}

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = other.db_;
    stmt_ = std::exchange(other.stmt_, nullptr);
    bind_rc_ = other.bind_rc_;
  }
  return *this;
}

// The first failure of a bind is kept for run() or step() to report.
SqliteStatement& SqliteStatement::note_bind(int rc) {
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::int64_t value) {
  return note_bind(sqlite3_bind_int64(stmt_, index, value));
}

SqliteStatement& SqliteStatement::bind(int index, std::string_view text) {
  return note_bind(sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
}

SqliteStatement& SqliteStatement::bind_blob(int index, std::string_view bytes) {
  return note_bind(sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT));
}

SqliteStatement& SqliteStatement::bind_static(int index, std::string_view text) {
  return note_bind(sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8));
}

SqliteStatement& SqliteStatement::bind_blob_static(int index, std::string_view bytes) {
  return note_bind(sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_STATIC));
}

SqliteStatement& SqliteStatement::bind_null(int index) {
  return note_bind(sqlite3_bind_null(stmt_, index));
}

AuditResult<bool> SqliteStatement::step(std::string_view doing) {
  if (bind_rc_ != SQLITE_OK) return db_->error(bind_rc_, doing);
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return db_->error(rc, doing);
}

AuditStatus SqliteStatement::run(std::string_view doing) {
  AuditResult<bool> r = step(doing);
  reset();
  return r.status();
}

void SqliteStatement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_rc_ = SQLITE_OK;
}

std::int64_t SqliteStatement::column_int(int index) const { return sqlite3_column_int64(stmt_, index); }

std::string SqliteStatement::column_text(int index) const { return std::string(column_view(index)); }

void SqliteStatement::column_text(int index, std::string& out) const { out.assign(column_view(index)); }

std::string_view SqliteStatement::column_view(int index) const {
  // column_blob gives the bytes as stored, embedded NULs included, for TEXT as for BLOB.
  const void* data = sqlite3_column_blob(stmt_, index);
  int size = sqlite3_column_bytes(stmt_, index);
  return data == nullptr ? std::string_view() : std::string_view(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

bool SqliteStatement::column_is_null(int index) const { return sqlite3_column_type(stmt_, index) == SQLITE_NULL; }

}  // namespace writ::runtime::detail

