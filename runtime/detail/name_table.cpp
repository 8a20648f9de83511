#include "runtime/detail/name_table.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include "runtime/detail/sqlite_database.hpp"

namespace writ::runtime::detail {

namespace {

constexpr std::string_view kAppending = "cannot append to the trail";

}  // namespace

AuditResult<NameTable> NameTable::prepare(SqliteDatabase& db, std::string_view table, std::string_view column) {
  auto find = SqliteStatement::prepare(db, fmt::format("SELECT id FROM {} WHERE {} = ?1", table, column));
  if (!find.ok()) return find.error();
  auto insert = SqliteStatement::prepare(db, fmt::format("INSERT INTO {} ({}) VALUES (?1)", table, column));
  if (!insert.ok()) return insert.error();
  return NameTable(db, std::move(find.value()), std::move(insert.value()));
}

AuditResult<std::int64_t> NameTable::id(std::string_view name) {
  if (last_id_ != 0 && name == last_name_) return last_id_;
  last_name_.assign(name);
  compiler::StringId key = names_.intern(name);
  if (key >= ids_.size()) ids_.resize(key + 1, 0);
  auto found = ids_[key] != 0 ? AuditResult<std::int64_t>(ids_[key]) : lookup_or_add(key);
  last_id_ = found.ok() ? found.value() : 0;
  return found;
}

// The interned text is bound without a copy: the table keeps it in place.
AuditResult<std::int64_t> NameTable::lookup_or_add(compiler::StringId key) {
  const std::string& name = names_.text(key);
  find_.bind_static(1, name);
  auto row = find_.step(kAppending);
  std::int64_t id = row.ok() && row.value() ? find_.column_int(0) : 0;
  find_.reset();
  if (!row.ok()) return row.error();
  if (!row.value()) {
    if (AuditStatus s = insert_.bind_static(1, name).run(kAppending); !s.ok()) return s.error();
    id = sqlite3_last_insert_rowid(db_->handle());
    added_.push_back(key);
  }
  ids_[key] = id;
  return id;
}

void NameTable::rolled_back() {
  for (compiler::StringId key : added_) ids_[key] = 0;
  added_.clear();
  last_id_ = 0;
}

}  // namespace writ::runtime::detail
