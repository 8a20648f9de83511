// The audit store: round trips, batches that commit with their checkpoint or not at all,
// the chain continuing after a reopen, and bad files and misuse reported as error values.
#include "runtime/audit_store.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <filesystem>

#include "runtime/audit_verify.hpp"
#include "runtime/detail/values_column.hpp"
#include "support/audit_fixture.hpp"
#include "support/fixed_salt.hpp"
#include "support/run_process.hpp"
#include "support/trail_tamper.hpp"

using namespace writ::runtime;
using writ::test::append_batches;
using writ::test::sample_checkpoint;
using writ::test::sample_record;
using writ::test::TempDir;
using writ::test::tamper;
using writ::test::write_trail;

namespace {

std::unique_ptr<AuditStore> open_store(const std::string& path, AuditOpenMode mode) {
  auto store = AuditStore::open(path, AuditOpenOptions{mode, {}});
  INFO((store.ok() ? "" : store.error().message));
  REQUIRE(store.ok());
  return std::move(store.value());
}

std::vector<AuditRecord> all_records(const AuditStore& store) {
  std::vector<AuditRecord> out;
  REQUIRE(store.for_each_record([&](const AuditRecord& r) {
                 out.push_back(r);
                 return true;
               }).ok());
  return out;
}

bool same(const AuditRecord& a, const AuditRecord& b) {
  auto value_tuple = [](const AuditValue& v) { return std::tie(v.name, v.value, v.sensitive, v.digest); };
  if (a.values.size() != b.values.size()) return false;
  for (std::size_t i = 0; i < a.values.size(); ++i) {
    if (value_tuple(a.values[i]) != value_tuple(b.values[i])) return false;
  }
  return std::tie(a.seq, a.at_ms, a.incident, a.kind, a.construct, a.name, a.span, a.outcome, a.target, a.reason,
                  a.policy_hash, a.prev_hash, a.hash) ==
         std::tie(b.seq, b.at_ms, b.incident, b.kind, b.construct, b.name, b.span, b.outcome, b.target, b.reason,
                  b.policy_hash, b.prev_hash, b.hash);
}

AuditErrorKind open_error(const std::string& path, AuditOpenMode mode = AuditOpenMode::ReadOnly) {
  auto store = AuditStore::open(path, AuditOpenOptions{mode, {}});
  REQUIRE_FALSE(store.ok());
  CHECK_FALSE(store.error().message.empty());
  return store.error().kind;
}

}  // namespace

TEST_CASE("audit store: records and the checkpoint read back as written", "[runtime][audit]") {
  TempDir dir;
  std::string path = dir.path() + "/trail.db";
  std::vector<AuditRecord> written;
  {
    auto store = open_store(path, AuditOpenMode::Create);
    REQUIRE(store->begin_batch().ok());
    for (int i = 1; i <= 4; ++i) {
      AuditRecord r = sample_record(i);
      REQUIRE(store->append(r).ok());
      written.push_back(r);
    }
    REQUIRE(store->commit_batch(sample_checkpoint(4)).ok());
  }
  CHECK(written[0].seq == 1);
  CHECK(written[0].prev_hash == kGenesisHash);
  CHECK(written[1].prev_hash == written[0].hash);
  CHECK(written[0].values[0].digest.empty());
  CHECK(is_hex_digest(written[0].values[1].digest));

  auto store = open_store(path, AuditOpenMode::ReadOnly);
  std::vector<AuditRecord> read = all_records(*store);
  REQUIRE(read.size() == written.size());
  for (std::size_t i = 0; i < read.size(); ++i) CHECK(same(read[i], written[i]));
  auto cp = store->last_checkpoint();
  REQUIRE(cp.ok());
  REQUIRE(cp.value().has_value());
  CHECK(cp.value()->input_offset == 4);
  CHECK(cp.value()->state == sample_checkpoint(4).state);
  CHECK(cp.value()->seq == 4);
  CHECK(cp.value()->hash == written[3].hash);
  CHECK(store->meta().head == AuditHead{4, written[3].hash});
  CHECK(store->last_seq() == 4);
}

TEST_CASE("audit store: reading a trail leaves no files beside it", "[runtime][audit]") {
  TempDir dir;
  std::string path = dir.path() + "/trail.db";
  write_trail(path, 1, 2);
  {
    auto store = open_store(path, AuditOpenMode::ReadOnly);
    CHECK(all_records(*store).size() == 2);
    CHECK(verify_trail(*store).value().ok);
  }
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    names.push_back(entry.path().filename().string());
  }
  CHECK(names == std::vector<std::string>{"trail.db"});
}

TEST_CASE("audit store: the records of one incident, in order", "[runtime][audit]") {
  TempDir dir;
  std::string path = dir.path() + "/trail.db";
  write_trail(path, 2, 3);
  auto store = open_store(path, AuditOpenMode::ReadOnly);
  std::vector<std::int64_t> seqs;
  REQUIRE(store->for_each_record_of_incident("INC-1", [&](const AuditRecord& r) {
                 seqs.push_back(r.seq);
                 CHECK(r.values.size() == 2);
                 return true;
               }).ok());
  CHECK(seqs == std::vector<std::int64_t>{1, 3, 5});
  int visited = 0;
  REQUIRE(store->for_each_record([&](const AuditRecord&) { return ++visited < 2; }).ok());
  CHECK(visited == 2);
}

TEST_CASE("audit store: a walk for the content leaves out the hashes and the values it is not asked for",
          "[runtime][audit]") {
  TempDir dir;
  std::string path = dir.path() + "/trail.db";
  write_trail(path, 2, 3);
  auto store = open_store(path, AuditOpenMode::ReadOnly);
  std::vector<AuditRecord> whole;
  REQUIRE(store->for_each_record([&](const AuditRecord& r) {
                 whole.push_back(r);
                 return true;
               }).ok());
  REQUIRE(whole.size() == 6);
  // Every sample record is a `rule`: asked for, its values are read; not asked, they are not.
  RecordParts parts{.hashes = false, .values_of = [](std::string_view kind) { return kind == "rule"; }};
  std::size_t i = 0;
  REQUIRE(store->for_each_record([&](const AuditRecord& r) {
                 const AuditRecord& w = whole[i++];
                 CHECK(r.seq == w.seq);
                 CHECK(r.incident == w.incident);
                 CHECK(r.name == w.name);
                 CHECK(r.values.size() == w.values.size());
                 CHECK(r.hash.empty());
                 CHECK(r.prev_hash.empty());
                 return true;
               }, parts).ok());
  parts.values_of = [](std::string_view kind) { return kind != "rule"; };
  REQUIRE(store->for_each_record([&](const AuditRecord& r) {
                 CHECK(r.values.empty());
                 return true;
               }, parts).ok());
}

TEST_CASE("audit store: a reopened trail continues its chain", "[runtime][audit]") {
  TempDir dir;
  std::string path = dir.path() + "/trail.db";
  write_trail(path, 1, 3);
  std::string last_hash;
  {
    auto store = open_store(path, AuditOpenMode::Append);
    CHECK(store->last_seq() == 3);
    last_hash = store->last_hash();
    REQUIRE(store->begin_batch().ok());
    AuditRecord r = sample_record(4);
    REQUIRE(store->append(r).ok());
    CHECK(r.seq == 4);
    CHECK(r.prev_hash == last_hash);
    REQUIRE(store->commit_batch().ok());
  }
  auto store = open_store(path, AuditOpenMode::ReadOnly);
  CHECK(all_records(*store).size() == 4);
  // A commit without a checkpoint keeps the last one.
  auto cp = store->last_checkpoint();
  REQUIRE(cp.ok());
  CHECK(cp.value()->seq == 3);
  auto report = verify_trail(*store);
  REQUIRE(report.ok());
  CHECK(report.value().ok);
  CHECK(report.value().records == 4);
}

TEST_CASE("audit store: a batch rolled back leaves nothing behind", "[runtime][audit]") {
  TempDir dir;
  std::string path = dir.path() + "/trail.db";
  write_trail(path, 1, 2);
  auto store = open_store(path, AuditOpenMode::Append);
  std::string head = store->last_hash();

  SECTION("by the caller") {
    REQUIRE(store->begin_batch().ok());
    for (int i = 0; i < 3; ++i) {
      AuditRecord r = sample_record(i);
      REQUIRE(store->append(r).ok());
    }
    store->rollback_batch();
  }
  SECTION("by a failing append") {
    REQUIRE(store->begin_batch().ok());
    AuditRecord good = sample_record(3);
    REQUIRE(store->append(good).ok());
    AuditRecord bad = sample_record(4);
    bad.values[0].value.reset();
    AuditStatus s = store->append(bad);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().kind == AuditErrorKind::Misuse);
    CHECK(s.error().message.find("rolled back") != std::string::npos);
    CHECK_FALSE(store->in_batch());
  }
  CHECK(store->last_seq() == 2);
  CHECK(store->last_hash() == head);
  // The store goes on from the last commit.
  append_batches(*store, 1, 1);
  CHECK(store->last_seq() == 3);
  store.reset();
  auto reread = open_store(path, AuditOpenMode::ReadOnly);
  CHECK(all_records(*reread).size() == 3);
  CHECK(verify_trail(*reread).value().ok);
}

namespace {

// Records of several sizes, more than a few statements' worth of rows.
std::vector<AuditRecord> varied_records(int count) {
  std::vector<AuditRecord> records;
  for (int i = 1; i <= count; ++i) {
    AuditRecord r = sample_record(i);
    if (i % 5 == 0) r.values.clear();
    if (i % 7 == 0) r.values.push_back({"extra", std::string("\"x\""), false, ""});
    records.push_back(std::move(r));
  }
  return records;
}

std::unique_ptr<AuditStore> new_salted_store(const std::string& path) {
  auto store = AuditStore::open(path, AuditOpenOptions{AuditOpenMode::Create, {}}, writ::test::kFixedSalt);
  REQUIRE(store.ok());
  return std::move(store.value());
}

}  // namespace

TEST_CASE("audit store: records appended together are the records appended one by one", "[runtime][audit]") {
  TempDir dir;
  auto one_by_one = new_salted_store(dir.path() + "/one.db");
  auto together = new_salted_store(dir.path() + "/all.db");
  std::vector<AuditRecord> singles = varied_records(75);
  std::vector<AuditRecord> group = singles;
  REQUIRE(one_by_one->begin_batch().ok());
  for (AuditRecord& r : singles) REQUIRE(one_by_one->append(r).ok());
  REQUIRE(one_by_one->commit_batch(sample_checkpoint(75)).ok());
  REQUIRE(together->begin_batch().ok());
  REQUIRE(together->append_all(group).ok());
  REQUIRE(together->commit_batch(sample_checkpoint(75)).ok());

  CHECK(together->last_seq() == 75);
  CHECK(together->last_hash() == one_by_one->last_hash());
  for (std::size_t i = 0; i < singles.size(); ++i) CHECK(same(group[i], singles[i]));
  std::vector<AuditRecord> stored = all_records(*together);
  std::vector<AuditRecord> expected = all_records(*one_by_one);
  REQUIRE(stored.size() == expected.size());
  for (std::size_t i = 0; i < stored.size(); ++i) CHECK(same(stored[i], expected[i]));
  CHECK(verify_trail(*together).value().ok);
}

TEST_CASE("audit store: a bad record among records appended together rolls the batch back", "[runtime][audit]") {
  TempDir dir;
  std::string path = dir.path() + "/trail.db";
  write_trail(path, 1, 2);
  auto store = open_store(path, AuditOpenMode::Append);
  std::string head = store->last_hash();
  std::vector<AuditRecord> records = varied_records(40);
  // In the first block: record 23 of the trail.
  records[20].values.push_back({"dropped", std::nullopt, false, ""});
  REQUIRE(store->begin_batch().ok());
  AuditStatus s = store->append_all(records);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().kind == AuditErrorKind::Misuse);
  CHECK(s.error().message.find("record 23") != std::string::npos);
  CHECK_FALSE(store->in_batch());
  CHECK(store->last_seq() == 2);
  CHECK(store->last_hash() == head);

  records[20].values.pop_back();
  REQUIRE(store->begin_batch().ok());
  REQUIRE(store->append_all(records).ok());
  REQUIRE(store->commit_batch().ok());
  store.reset();
  auto reread = open_store(path, AuditOpenMode::ReadOnly);
  CHECK(all_records(*reread).size() == 42);
  CHECK(verify_trail(*reread).value().ok);
}

TEST_CASE("audit store: calls out of order are refused, not crashes", "[runtime][audit]") {
  TempDir dir;
  std::string path = dir.path() + "/trail.db";
  write_trail(path, 1, 1);
  auto writer = open_store(path, AuditOpenMode::Append);
  AuditRecord r = sample_record(1);
  CHECK(writer->append(r).error().kind == AuditErrorKind::Misuse);
  CHECK(writer->commit_batch().error().kind == AuditErrorKind::Misuse);
  REQUIRE(writer->begin_batch().ok());
  CHECK(writer->begin_batch().error().kind == AuditErrorKind::Misuse);
  writer->rollback_batch();

  auto reader = open_store(path, AuditOpenMode::ReadOnly);
  CHECK(reader->begin_batch().error().kind == AuditErrorKind::Misuse);
}

TEST_CASE("audit store: a second writer cannot fork the chain", "[runtime][audit]") {
  TempDir dir;
  std::string path = dir.path() + "/trail.db";
  write_trail(path, 1, 1);
  auto first = open_store(path, AuditOpenMode::Append);
  auto second = open_store(path, AuditOpenMode::Append);
  append_batches(*first, 1, 1);
  AuditStatus s = second->begin_batch();
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().kind == AuditErrorKind::Busy);
}

TEST_CASE("audit store: opening bad paths and foreign files gives errors", "[runtime][audit]") {
  TempDir dir;
  std::string trail = dir.path() + "/trail.db";
  write_trail(trail, 1, 1);
  CHECK(open_error(trail, AuditOpenMode::Create) == AuditErrorKind::Exists);
  CHECK(open_error(dir.path() + "/missing.db") == AuditErrorKind::NotFound);
  CHECK(open_error(dir.path() + "/missing.db", AuditOpenMode::Append) == AuditErrorKind::NotFound);
  CHECK(open_error(dir.write("empty.db", "")) == AuditErrorKind::NotATrail);
  CHECK(open_error(dir.write("text.db", std::string(5000, 'x'))) == AuditErrorKind::NotATrail);

  std::string foreign = dir.path() + "/foreign.db";
  tamper(foreign, "CREATE TABLE t (x)");
  CHECK(open_error(foreign) == AuditErrorKind::NotATrail);

  tamper(trail, "UPDATE meta SET value = '7' WHERE key = 'format'");
  CHECK(open_error(trail) == AuditErrorKind::UnsupportedFormat);

  tamper(trail, "UPDATE meta SET value = '1' WHERE key = 'format'");
  auto older = AuditStore::open(trail, AuditOpenOptions{});
  REQUIRE_FALSE(older.ok());
  CHECK(older.error().kind == AuditErrorKind::UnsupportedFormat);
  CHECK(older.error().message == "the trail has format version 1, from an earlier writ; this writ reads version " +
                                     std::to_string(kAuditFormat) +
                                     " only: read, verify or export it with the writ that wrote it");

  // Formats 2 and 3 kept their records in tables this writ does not read: read as format 4
  // their trails would look empty.
  for (int earlier : {2, 3}) {
    tamper(trail, "UPDATE meta SET value = '" + std::to_string(earlier) + "' WHERE key = 'format'");
    auto old = AuditStore::open(trail, AuditOpenOptions{});
    REQUIRE_FALSE(old.ok());
    CHECK(old.error().kind == AuditErrorKind::UnsupportedFormat);
    CHECK(old.error().message == "the trail has format version " + std::to_string(earlier) +
                                     ", from an earlier writ; this writ reads version 4 only: read, verify or export "
                                     "it with the writ that wrote it");
  }
}

TEST_CASE("audit store: a new trail has 16 KiB pages and is in WAL mode", "[runtime][audit]") {
  TempDir dir;
  std::string trail = dir.path() + "/trail.db";
  write_trail(trail, 1, 2);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(trail.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  auto pragma = [&](const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
    std::string value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    return value;
  };
  CHECK(pragma("PRAGMA page_size") == "16384");
  CHECK(pragma("PRAGMA journal_mode") == "wal");
  sqlite3_close(db);
}

TEST_CASE("audit store: a trail whose head disagrees with its records is not appended to", "[runtime][audit]") {
  TempDir dir;
  std::string path = dir.path() + "/trail.db";
  write_trail(path, 1, 3);
  SECTION("the last record deleted with its hash") { tamper(path, writ::test::remove_record(3, true)); }
  SECTION("the last block's hashes cut short") {
    tamper(path, "UPDATE blocks SET hashes = substr(hashes, 1, 70)");
  }
  SECTION("the last block deleted") { tamper(path, "DELETE FROM blocks"); }
  CHECK(open_error(path, AuditOpenMode::Append) == AuditErrorKind::Damaged);
}

TEST_CASE("audit store: damaged files give errors, never crashes", "[runtime][audit]") {
  TempDir dir;
  std::string path = dir.path() + "/trail.db";
  write_trail(path, 4, 25);
  std::string bytes = dir.read("trail.db");
  REQUIRE(bytes.size() > 4096);
  // What may come out depends on where the damage falls; that something comes out is the test.
  auto try_read = [&](const std::string& damaged) {
    std::string copy = dir.write("damaged.db", damaged);
    (void)verify_trail(copy);
    (void)AuditStore::open(copy, AuditOpenOptions{AuditOpenMode::Append, {}});
  };
  SECTION("truncated") {
    for (std::size_t size : {std::size_t{0}, std::size_t{50}, std::size_t{100}, bytes.size() / 2, bytes.size() - 1}) {
      try_read(bytes.substr(0, size));
    }
    std::string copy = dir.write("half.db", bytes.substr(0, bytes.size() / 2));
    auto report = verify_trail(copy);
    CHECK((!report.ok() || !report.value().ok));
  }
  SECTION("random bytes") {
    std::string noise = bytes;
    std::uint32_t x = 12345;
    for (char& c : noise) {
      x = x * 1103515245 + 12345;
      c = static_cast<char>(x >> 16);
    }
    try_read(noise);
    CHECK(open_error(dir.write("noise.db", noise)) == AuditErrorKind::NotATrail);
  }
}

TEST_CASE("audit store: a stored record keeps the documented test vector's hash", "[runtime][audit]") {
  // docs/audit.md's test vector, whose hash format 3 stored too: the blocks change where a
  // record is kept, not what it hashes to.
  TempDir dir;
  auto store = new_salted_store(dir.path() + "/trail.db");
  AuditRecord r = sample_record(1);
  r.at_ms = 1'790'000'000'000;
  r.incident = "INC-7";
  r.name = "escalate";
  r.span = "p.writ:3:1";
  r.policy_hash = "ph";
  r.values = {{"severity", std::string("1"), false, ""}, {"reporter", std::string("\"ann@example.com\""), true, ""}};
  REQUIRE(store->begin_batch().ok());
  REQUIRE(store->append(r).ok());
  REQUIRE(store->commit_batch().ok());
  std::vector<AuditRecord> stored = all_records(*store);
  REQUIRE(stored.size() == 1);
  CHECK(stored[0].values[1].digest == "7c1405173ffc69ae4ff0cd007da87054bf45630693ed3facb351d817ef2ee322");
  CHECK(stored[0].hash == "20eed6b1d61b04bccf4385f571ac8d344db0235b5ea9b9e4311000944e541d7f");
  CHECK(record_hash(stored[0]) == stored[0].hash);
}

namespace {

// Runs `sql` on the trail's file and gives each row's columns as text (hex for blobs), with
// the type SQLite gives each.
std::vector<std::vector<std::string>> query(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
  std::vector<std::vector<std::string>> rows;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    auto& row = rows.emplace_back();
    for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
      const char* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
      row.emplace_back(text == nullptr ? "NULL" : text);
    }
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return rows;
}

}  // namespace

TEST_CASE("audit store: blocks hold up to 64 records and end at each commit", "[runtime][audit]") {
  TempDir dir;
  std::string path = dir.path() + "/trail.db";
  auto store = new_salted_store(path);
  std::vector<AuditRecord> first = varied_records(130);
  std::vector<AuditRecord> second = varied_records(3);
  REQUIRE(store->begin_batch().ok());
  REQUIRE(store->append_all(first).ok());
  REQUIRE(store->commit_batch().ok());
  REQUIRE(store->begin_batch().ok());
  REQUIRE(store->append_all(second).ok());
  REQUIRE(store->commit_batch().ok());
  auto blocks = query(path, "SELECT first_seq, json_array_length(body), length(hashes) FROM blocks ORDER BY 1");
  using Row = std::vector<std::string>;
  CHECK(blocks == std::vector<Row>{Row{"1", "64", "2048"}, Row{"65", "64", "2048"}, Row{"129", "2", "64"},
                                   Row{"131", "3", "96"}});
  // The sites hold each distinct tuple of fixed texts once: the sample records differ in
  // their name and span only, records 1 and 131 alike.
  CHECK(query(path, "SELECT count(*) FROM sites") == std::vector<Row>{Row{"130"}});
}

TEST_CASE("audit store: the records view shows format 3's columns, record for record", "[runtime][audit]") {
  TempDir dir;
  std::string path = dir.path() + "/trail.db";
  auto store = new_salted_store(path);
  std::vector<AuditRecord> records = varied_records(70);
  records[3].reason = "a \"quoted\" reason\twith a tab";
  records[4].values.push_back({"note", std::string("\"line\\nbreak \\u0001\""), false, ""});
  REQUIRE(store->begin_batch().ok());
  REQUIRE(store->append_all(records).ok());
  REQUIRE(store->commit_batch().ok());
  std::vector<AuditRecord> stored = all_records(*store);
  auto rows = query(path,
                    "SELECT r.seq, r.at_ms, i.name, r.kind, r.construct, r.name, r.span, r.outcome, r.target, "
                    "r.reason, p.hash, r.values_json, lower(hex(r.prev_hash)), lower(hex(r.hash)), typeof(r.seq), "
                    "typeof(r.at_ms), typeof(r.incident), typeof(r.policy), typeof(r.values_json), "
                    "typeof(r.prev_hash) FROM records r JOIN incidents i ON i.id = r.incident "
                    "JOIN policies p ON p.id = r.policy ORDER BY r.seq");
  REQUIRE(rows.size() == stored.size());
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const AuditRecord& r = stored[k];
    std::string values;
    writ::runtime::detail::append_values_column(values, r.values);
    std::vector<std::string> expected = {std::to_string(r.seq), std::to_string(r.at_ms), r.incident, r.kind,
                                         r.construct, r.name, r.span, r.outcome, r.target, r.reason, r.policy_hash,
                                         values, r.prev_hash, r.hash, "integer", "integer", "integer", "integer",
                                         "text", "blob"};
    INFO("record " << r.seq);
    CHECK(rows[k] == expected);
  }
}

TEST_CASE("audit store: the records of one incident skip the others' values", "[runtime][audit]") {
  TempDir dir;
  std::string path = dir.path() + "/trail.db";
  write_trail(path, 2, 3);
  // Record 3 (INC-1) has values no reader can decode: INC-2's records still read.
  tamper(path, writ::test::set_item(3, 6, "json('[1]')"));
  auto store = open_store(path, AuditOpenMode::ReadOnly);
  std::vector<std::int64_t> seqs;
  REQUIRE(store->for_each_record_of_incident("INC-2", [&](const AuditRecord& r) {
                 CHECK(r.incident == "INC-2");
                 CHECK(r.values.size() == 2);
                 seqs.push_back(r.seq);
                 return true;
               }).ok());
  CHECK(seqs == std::vector<std::int64_t>{2, 4, 6});
  AuditStatus inc1 = store->for_each_record_of_incident("INC-1", [](const AuditRecord&) { return true; });
  REQUIRE_FALSE(inc1.ok());
  CHECK(inc1.error().message.find("record 3: its values are not readable") == 0);
}
