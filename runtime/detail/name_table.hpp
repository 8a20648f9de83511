#pragma once
// A table of the trail that stores a text, or a tuple of texts, once and gives records its
// integer id (the policies' hashes, the incidents' names, the sites' six fixed texts): a
// record then carries a small integer instead of the texts.
#include <cstdint>
#include <initializer_list>
#include <span>
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
  // `table` and `columns` name one of the trail's own tables and its text columns, which
  // are unique together: literals of the store, never input.
  static AuditResult<NameTable> prepare(SqliteDatabase& db, std::string_view table,
                                        std::initializer_list<std::string_view> columns);

  // The id of the row holding a tuple of texts (one per column, in order), adding it
  // inside the open batch when the table has none. The tuple is given as its key: for one
  // column the text itself, else each text as str() of the canonical encoding, back to
  // back (encode_key; a record image holds a site's texts so).
  AuditResult<std::int64_t> id_of_key(std::string_view key);
  // The key of a tuple of several texts, into `out`.
  static void encode_key(std::span<const std::string_view> texts, std::string& out);
  // The batch committed: the rows it added are kept.
  void committed() { added_.clear(); }
  // The batch was rolled back, and the rows it added with it.
  void rolled_back();

 private:
  NameTable(SqliteDatabase& db, std::size_t columns, SqliteStatement find, SqliteStatement insert)
      : db_(&db), columns_(columns), find_(std::move(find)), insert_(std::move(insert)) {}
  AuditResult<std::int64_t> lookup_or_add(compiler::StringId key);
  void bind_texts(SqliteStatement& stmt, const std::string& key) const;

  SqliteDatabase* db_;
  std::size_t columns_;
  SqliteStatement find_;
  SqliteStatement insert_;
  // Every tuple looked up so far, interned as its key, and its row's id by the interned id
  // (0: not known yet); the last one too, as a copy: consecutive records mostly share it,
  // and the table's own copy of an incident's id is rarely in the cache (reading it was a
  // third of the writing thread's lookups, bench/RESULTS.md, "A record written once").
  compiler::StringTable names_;
  std::vector<std::int64_t> ids_;
  std::string last_key_;
  std::int64_t last_id_ = 0;
  std::vector<compiler::StringId> added_;  // tuples whose rows the open batch added
};

}  // namespace writ::runtime::detail
