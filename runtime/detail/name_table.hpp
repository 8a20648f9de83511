#pragma once
// A table of the trail that stores a text once and gives records its integer id (the
// policies' hashes, the incidents' names): a record then carries a small integer instead
// of the text, and the index by incident holds integers.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/string_table.hpp"
#include "runtime/audit_error.hpp"
#include "runtime/detail/sqlite_statement.hpp"

namespace writ::runtime::detail {

class SqliteDatabase;

class NameTable {
 public:
  // `table` and `column` name one of the trail's own tables: literals of the store, never
  // input.
  static AuditResult<NameTable> prepare(SqliteDatabase& db, std::string_view table, std::string_view column);

  // The id of `name`, adding a row inside the open batch when the table has none.
  AuditResult<std::int64_t> id(std::string_view name);
  // The batch committed: the rows it added are kept.
  void committed() { added_.clear(); }
  // The batch was rolled back, and the rows it added with it.
  void rolled_back();

 private:
  NameTable(SqliteDatabase& db, SqliteStatement find, SqliteStatement insert)
      : db_(&db), find_(std::move(find)), insert_(std::move(insert)) {}
  AuditResult<std::int64_t> lookup_or_add(compiler::StringId key);

  SqliteDatabase* db_;
  SqliteStatement find_;
  SqliteStatement insert_;
  // Every name looked up so far, interned, and its row's id by the interned id (0: not
  // known yet); the last one too: consecutive records mostly share it.
  compiler::StringTable names_;
  std::vector<std::int64_t> ids_;
  std::string last_name_;
  std::int64_t last_id_ = 0;
  std::vector<compiler::StringId> added_;  // names whose rows the open batch added
};

}  // namespace writ::runtime::detail
