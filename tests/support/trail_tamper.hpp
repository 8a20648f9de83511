#pragma once
// Changes a trail behind the store's back, as an attacker with the file would: raw SQL
// with the append-only triggers dropped first. Creates the file if there is none (a
// foreign database). The helpers below spell, in SQL, the edits of one record inside its
// block (docs/audit.md, "The file"): an element of `blocks.body` is
// `[seq, at_ms, incident, site, reason, policy, values]`, its hash 32 bytes of `hashes`.
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <sqlite3.h>

#include <cstdint>
#include <string>

namespace writ::test {

inline void tamper(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) == SQLITE_OK);
  std::string script =
      "DROP TRIGGER IF EXISTS blocks_no_update; DROP TRIGGER IF EXISTS blocks_no_delete;"
      "DROP TRIGGER IF EXISTS sites_no_update; DROP TRIGGER IF EXISTS sites_no_delete;"
      "DROP TRIGGER IF EXISTS policies_no_update; DROP TRIGGER IF EXISTS policies_no_delete;"
      "DROP TRIGGER IF EXISTS incidents_no_update; DROP TRIGGER IF EXISTS incidents_no_delete;" +
      sql;
  char* error = nullptr;
  int rc = sqlite3_exec(db, script.c_str(), nullptr, nullptr, &error);
  INFO((error != nullptr ? error : "") << " in: " << sql);
  sqlite3_free(error);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

// The condition on `blocks` that picks the block holding record `seq`.
inline std::string block_of(std::int64_t seq) {
  return fmt::format("first_seq = (SELECT max(first_seq) FROM blocks WHERE first_seq <= {})", seq);
}

// Inside an UPDATE of that block: the JSON path of the record's element, or of its item
// `item` (0 seq, 1 at_ms, 2 incident, 3 site, 4 reason, 5 policy, 6 values).
inline std::string element_path(std::int64_t seq) { return fmt::format("'$[' || ({} - first_seq) || ']'", seq); }
inline std::string item_path(std::int64_t seq, int item) {
  return fmt::format("'$[' || ({} - first_seq) || '][{}]'", seq, item);
}

// Inside an UPDATE of that block: the record's values array, as JSON.
inline std::string values_of(std::int64_t seq) { return fmt::format("json_extract(body, {})", item_path(seq, 6)); }

// Sets item `item` of record `seq` to the SQL expression `value` (a JSON function's result
// goes in as JSON, any other text as a JSON string).
inline std::string set_item(std::int64_t seq, int item, const std::string& value) {
  return fmt::format("UPDATE blocks SET body = json_set(body, {}, {}) WHERE {};", item_path(seq, item), value,
                     block_of(seq));
}

// Gives record `seq` a site whose `column` (kind, construct, name, span, outcome or
// target) is the SQL expression `value`, its other texts the record's own: a row added to
// `sites` unless one holds those texts already.
inline std::string set_site_text(std::int64_t seq, const std::string& column, const std::string& value) {
  return fmt::format(
      "CREATE TEMP TABLE edited AS SELECT kind, construct, name, span, outcome, target FROM records WHERE seq = {0};"
      "UPDATE edited SET {1} = {2};"
      "INSERT OR IGNORE INTO sites (kind, construct, name, span, outcome, target) SELECT * FROM edited;"
      "UPDATE blocks SET body = json_set(body, {3}, (SELECT id FROM sites JOIN edited USING (kind, construct, name, "
      "span, outcome, target))) WHERE {4};"
      "DROP TABLE edited;",
      seq, column, value, item_path(seq, 3), block_of(seq));
}

// Sets the 32-byte hash of record `seq` in its block's `hashes` to the SQL blob `value`
// (`||` makes a text of blobs: the CAST makes it a blob again, byte for byte).
inline std::string set_hash(std::int64_t seq, const std::string& value) {
  return fmt::format(
      "UPDATE blocks SET hashes = CAST(substr(hashes, 1, ({0} - first_seq) * 32) || {1} || "
      "substr(hashes, ({0} - first_seq) * 32 + 33) AS BLOB) WHERE {2};",
      seq, value, block_of(seq));
}

// Removes record `seq`'s element from its block, and its hash too when `with_hash`.
inline std::string remove_record(std::int64_t seq, bool with_hash) {
  std::string hashes = with_hash ? fmt::format(
                                       ", hashes = CAST(substr(hashes, 1, ({0} - first_seq) * 32) || "
                                       "substr(hashes, ({0} - first_seq) * 32 + 33) AS BLOB)",
                                       seq)
                                 : std::string();
  return fmt::format("UPDATE blocks SET body = json_remove(body, {}){} WHERE {};", element_path(seq), hashes,
                     block_of(seq));
}

}  // namespace writ::test
