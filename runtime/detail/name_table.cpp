#include "runtime/detail/name_table.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include "runtime/detail/encoding_writer.hpp"
#include "runtime/detail/sqlite_database.hpp"

namespace writ::runtime::detail {

namespace {

constexpr std::string_view kAppending = "cannot append to the trail";

std::string find_sql(std::string_view table, std::initializer_list<std::string_view> columns) {
  std::string sql = fmt::format("SELECT id FROM {} WHERE ", table);
  int n = 0;
  for (std::string_view column : columns) {
    sql += fmt::format("{}{} = ?{}", n == 0 ? "" : " AND ", column, n + 1);
    ++n;
  }
  return sql;
}

std::string insert_sql(std::string_view table, std::initializer_list<std::string_view> columns) {
  std::string parameters;
  for (std::size_t n = 1; n <= columns.size(); ++n) parameters += fmt::format("{}?{}", n == 1 ? "" : ", ", n);
  return fmt::format("INSERT INTO {} ({}) VALUES ({})", table, fmt::join(columns, ", "), parameters);
}

}  // namespace

AuditResult<NameTable> NameTable::prepare(SqliteDatabase& db, std::string_view table,
                                          std::initializer_list<std::string_view> columns) {
  auto find = SqliteStatement::prepare(db, find_sql(table, columns));
  if (!find.ok()) return find.error();
  auto insert = SqliteStatement::prepare(db, insert_sql(table, columns));
  if (!insert.ok()) return insert.error();
  return NameTable(db, columns.size(), std::move(find.value()), std::move(insert.value()));
}

AuditResult<std::int64_t> NameTable::id_of_key(std::string_view key) {
  if (last_id_ != 0 && key == last_key_) return last_id_;
  last_key_.assign(key);
  compiler::StringId interned = names_.intern(key);
  if (interned >= ids_.size()) ids_.resize(interned + 1, 0);
  auto found = ids_[interned] != 0 ? AuditResult<std::int64_t>(ids_[interned]) : lookup_or_add(interned);
  last_id_ = found.ok() ? found.value() : 0;
  return found;
}

// Each text after its length makes the key of a tuple unambiguous whatever bytes the texts
// hold; the lengths as the canonical encoding writes them, so that a record image's bytes
// are a key as they stand.
void NameTable::encode_key(std::span<const std::string_view> texts, std::string& out) {
  std::size_t size = 0;
  for (std::string_view text : texts) size += EncodingWriter::str_size(text);
  out.resize(size);
  EncodingWriter w(out.data());
  for (std::string_view text : texts) w.put_str(text);
}

// The texts are bound without a copy: the interned key keeps them in place.
void NameTable::bind_texts(SqliteStatement& stmt, const std::string& key) const {
  if (columns_ == 1) {
    stmt.bind_static(1, key);
    return;
  }
  std::size_t at = 0;
  for (std::size_t column = 1; column <= columns_; ++column) {
    auto size = static_cast<std::size_t>(read_int(key.data() + at));
    at += EncodingWriter::kIntSize;
    stmt.bind_static(static_cast<int>(column), std::string_view(key).substr(at, size));
    at += size;
  }
}

AuditResult<std::int64_t> NameTable::lookup_or_add(compiler::StringId key) {
  const std::string& texts = names_.text(key);
  bind_texts(find_, texts);
  auto row = find_.step(kAppending);
  std::int64_t id = row.ok() && row.value() ? find_.column_int(0) : 0;
  find_.reset();
  if (!row.ok()) return row.error();
  if (!row.value()) {
    bind_texts(insert_, texts);
    if (AuditStatus s = insert_.run(kAppending); !s.ok()) return s.error();
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
