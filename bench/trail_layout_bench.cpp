// trail_layout_bench: what SQLite alone costs per trail record, in the trail's layout (one
// row per record with an index by incident) and in layouts that store several records a
// row. Nothing is hashed or encoded by the engine here: every record has the same
// representative texts, so each figure is the floor under a writing thread using that
// layout. It measures a format decision (bench/RESULTS.md, "What 250,000 events/s with the
// trail would take"); Writ writes only the first layout.
//
// Usage: trail_layout_bench [--events N] [--incidents K]
#include <fmt/format.h>
#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace {

[[noreturn]] void fail(const std::string& message) {
  std::fprintf(stderr, "trail_layout_bench: %s\n", message.c_str());
  std::exit(2);
}

double cpu_s() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

struct Layout {
  const char* name;
  std::vector<const char*> schema;
  const char* insert;
  const char* index_insert;  // one row per distinct incident of a block, or none
  int records_per_row;       // 0: a row per record; -1: a row per event
  bool coded_texts;          // the construct's texts as one small integer, not five strings
};

const std::vector<Layout>& layouts() {
  static const std::vector<Layout> all = {
      {"a row per record, index by incident (format 3)",
       {"CREATE TABLE records (seq INTEGER PRIMARY KEY, at_ms INTEGER, incident INTEGER, kind TEXT, construct TEXT, "
        "name TEXT, span TEXT, outcome TEXT, target TEXT, reason TEXT, policy INTEGER, values_json TEXT, "
        "prev_hash BLOB, hash BLOB)",
        "CREATE INDEX records_by_incident ON records (incident, seq)"},
       "INSERT INTO records VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)", nullptr, 0, false},
      {"a row per event, index by incident",
       {"CREATE TABLE groups (first_seq INTEGER PRIMARY KEY, incident INTEGER, body TEXT, hashes BLOB)",
        "CREATE INDEX groups_by_incident ON groups (incident, first_seq)"},
       "INSERT INTO groups VALUES (?1, ?2, ?3, ?4)", nullptr, -1, false},
      {"blocks of 64 records, index by incident",
       {"CREATE TABLE blocks (first_seq INTEGER PRIMARY KEY, body TEXT, hashes BLOB)",
        "CREATE TABLE incident_blocks (incident INTEGER, first_seq INTEGER, PRIMARY KEY (incident, first_seq)) "
        "WITHOUT ROWID"},
       "INSERT INTO blocks VALUES (?1, ?2, ?3)", "INSERT OR IGNORE INTO incident_blocks VALUES (?1, ?2)", 64, false},
      {"blocks of 64 records, coded texts, no index",
       {"CREATE TABLE blocks (first_seq INTEGER PRIMARY KEY, body TEXT, hashes BLOB)"},
       "INSERT INTO blocks VALUES (?1, ?2, ?3)", nullptr, 64, true},
  };
  return all;
}

class Db {
 public:
  explicit Db(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
      fail(path + ": cannot create");
    }
    // As the trail is configured (runtime/detail/audit_schema.cpp, runtime/audit_store.cpp).
    for (const char* p : {"PRAGMA page_size = 16384", "PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL",
                          "PRAGMA cache_size = -32768"}) {
      exec(p);
    }
  }
  ~Db() {
    for (sqlite3_stmt* s : statements_) sqlite3_finalize(s);
    sqlite3_close(db_);
  }
  void exec(const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) fail(fmt::format("{}: {}", sql, error));
  }
  sqlite3_stmt* prepare(const char* sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &s, nullptr) != SQLITE_OK) fail(sqlite3_errmsg(db_));
    statements_.push_back(s);
    return s;
  }

 private:
  sqlite3* db_ = nullptr;
  std::vector<sqlite3_stmt*> statements_;
};

void run(sqlite3_stmt* s) {
  if (sqlite3_step(s) != SQLITE_DONE) fail(sqlite3_errmsg(sqlite3_db_handle(s)));
  sqlite3_reset(s);
}

void bind_text(sqlite3_stmt* s, int i, std::string_view text) {
  sqlite3_bind_text(s, i, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
}

// A rule's record of the runtime bench's policy, with three values read.
struct Texts {
  std::string_view kind = "rule", construct = "rule", name = "page_on_call_for_sev1",
                   span = "bench/runtime_policy.writ:42:3", outcome = "fired", target = "state.paged";
  std::string_view values = R"([["event.severity","1"],["state.acknowledged","false"],["incident.service","\"svc-42\""]])";
  std::string_view coded_values = R"([[3,"1"],[4,"false"],[5,"\"svc-42\""]])";
};

void append_record(std::string& body, std::int64_t at_ms, std::int64_t incident, bool coded) {
  static const Texts t;
  body += body.empty() ? "[[" : ",[";
  if (coded) {
    body += fmt::format("{},{},7,{}]", at_ms, incident, t.coded_values);
    return;
  }
  body += fmt::format(R"({},{},"{}","{}","{}","{}","{}","{}","",{}])", at_ms, incident, t.kind, t.construct, t.name,
                      t.span, t.outcome, t.target, t.values);
}

struct Figures {
  std::int64_t records = 0, rows = 0;
  double cpu = 0;
};

// The stream of runtime_bench's shape: events spread over `incidents` open incidents, two to
// four records each, a commit every 10,000 events.
Figures measure(const Layout& layout, std::int64_t events, std::int64_t incidents, const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  Figures f;
  Db db(path);
  for (const char* sql : layout.schema) db.exec(sql);
  sqlite3_stmt* insert = db.prepare(layout.insert);
  sqlite3_stmt* index = layout.index_insert ? db.prepare(layout.index_insert) : nullptr;
  static const Texts t;
  const unsigned char hash[32] = {};
  std::mt19937_64 rng(20261127);
  std::string body, hashes;
  std::vector<std::int64_t> block_incidents;
  std::int64_t first_seq = 1, seq = 0;
  auto store_rows = [&](std::int64_t incident) {
    if (body.empty()) return;
    body += ']';
    sqlite3_bind_int64(insert, 1, first_seq);
    int next = 2;
    if (layout.records_per_row < 0) sqlite3_bind_int64(insert, next++, incident);
    bind_text(insert, next++, body);
    sqlite3_bind_blob(insert, next, hashes.data(), static_cast<int>(hashes.size()), SQLITE_STATIC);
    run(insert);
    ++f.rows;
    for (std::int64_t i : block_incidents) {
      sqlite3_bind_int64(index, 1, i);
      sqlite3_bind_int64(index, 2, first_seq);
      run(index);
    }
    body.clear();
    hashes.clear();
    block_incidents.clear();
    first_seq = seq + 1;
  };
  double start = cpu_s();
  db.exec("BEGIN");
  for (std::int64_t e = 0; e < events; ++e) {
    const std::int64_t incident = static_cast<std::int64_t>(rng() % incidents);
    const std::int64_t at_ms = 1'793'955'600'000 + e * 100;
    const int records = 2 + (rng() % 10 < 3 ? 1 : 0) + (rng() % 10 == 0 ? 1 : 0);
    for (int k = 0; k < records; ++k) {
      ++seq;
      if (layout.records_per_row == 0) {
        sqlite3_bind_int64(insert, 1, seq);
        sqlite3_bind_int64(insert, 2, at_ms);
        sqlite3_bind_int64(insert, 3, incident);
        int col = 4;
        for (std::string_view text : {t.kind, t.construct, t.name, t.span, t.outcome, t.target, std::string_view()}) {
          bind_text(insert, col++, text);
        }
        sqlite3_bind_int64(insert, 11, 1);
        bind_text(insert, 12, t.values);
        sqlite3_bind_blob(insert, 13, hash, 32, SQLITE_STATIC);
        sqlite3_bind_blob(insert, 14, hash, 32, SQLITE_STATIC);
        run(insert);
        ++f.rows;
        continue;
      }
      append_record(body, at_ms, incident, layout.coded_texts);
      hashes.append(reinterpret_cast<const char*>(hash), 32);
      if (index && (block_incidents.empty() || block_incidents.back() != incident)) block_incidents.push_back(incident);
      if (layout.records_per_row > 0 && seq - first_seq + 1 == layout.records_per_row) store_rows(incident);
    }
    if (layout.records_per_row < 0) store_rows(incident);
    if ((e + 1) % 10'000 == 0) {
      store_rows(incident);
      db.exec("COMMIT");
      db.exec("BEGIN");
    }
  }
  store_rows(0);
  db.exec("COMMIT");
  f.cpu = cpu_s() - start;
  f.records = seq;
  return f;
}

std::int64_t positive(const char* flag, const char* text) {
  char* end = nullptr;
  long long n = std::strtoll(text, &end, 10);
  if (*end != '\0' || n <= 0) fail(fmt::format("{} takes a positive integer, not `{}`", flag, text));
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  std::int64_t events = 200'000, incidents = 1'000;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if ((a == "--events" || a == "--incidents") && i + 1 < argc) {
      (a == "--events" ? events : incidents) = positive(argv[i], argv[i + 1]);
      ++i;
    } else {
      fail("unknown argument `" + a + "`; usage: trail_layout_bench [--events N] [--incidents K]");
    }
  }
  std::string path = (std::filesystem::temp_directory_path() / "writ-trail-layout-bench.db").string();
  std::printf("trail_layout_bench: %lld events over %lld open incidents; CPU of SQLite and the rows' texts only\n\n",
              static_cast<long long>(events), static_cast<long long>(incidents));
  std::printf("| layout | records | rows | us per record | us per event | events/s on one core |\n|---|---|---|---|---|---|\n");
  for (const Layout& layout : layouts()) {
    Figures f = measure(layout, events, incidents, path);
    double per_event = f.cpu * 1e6 / static_cast<double>(events);
    std::printf("| %s | %lld | %lld | %.2f | %.2f | %.0f |\n", layout.name, static_cast<long long>(f.records),
                static_cast<long long>(f.rows), f.cpu * 1e6 / static_cast<double>(f.records), per_event,
                1e6 / per_event);
    std::fflush(stdout);
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  return 0;
}
