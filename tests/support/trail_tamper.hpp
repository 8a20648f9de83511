#pragma once
// Changes a trail behind the store's back, as an attacker with the file would: raw SQL
// with the append-only triggers dropped first. Creates the file if there is none (a
// foreign database).
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <string>

namespace writ::test {

inline void tamper(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) == SQLITE_OK);
  std::string script =
      "DROP TRIGGER IF EXISTS records_no_update; DROP TRIGGER IF EXISTS records_no_delete;"
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

}  // namespace writ::test
