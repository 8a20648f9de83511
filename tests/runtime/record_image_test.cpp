// A record written once as its image (on the engine's thread) is the record the AuditRecord
// path writes: the same encoding, hash and stored bytes, for every shape a decision takes.
#include <sqlite3.h>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "runtime/audit_store.hpp"
#include "runtime/audit_writer.hpp"
#include "runtime/decision_image.hpp"
#include "runtime/hash_chain.hpp"
#include "runtime/record_images.hpp"
#include "support/audit_fixture.hpp"
#include "support/fixed_salt.hpp"
#include "support/run_process.hpp"

using namespace writ::runtime;
using writ::test::TempDir;

namespace {

const std::string kSalt = writ::test::kFixedSalt;
const std::string kPolicy(64, 'c');

Decision base(int i) {
  Decision d;
  d.at = 1'790'000'000'000 + i * 1000LL;
  d.kind = "notify";
  d.incident = "INC-" + std::to_string(i % 3);
  d.construct = "rule";
  d.name = "page";
  d.where = "p.writ:7:1";
  d.outcome = "sent";
  d.target = "on-call";
  return d;
}

// Decisions of every shape the record takes: plain, read and produced values, sensitive
// ones, a message (plain and sensitive), a sensitive target and reason, an engine-wide one
// with no incident, texts that need escaping in the block's JSON.
std::vector<Decision> decisions() {
  std::vector<Decision> out;
  out.push_back(base(1));
  Decision reads = base(2);
  reads.reads = {{"event.severity", "1"}, {"event.reporter", "\"ann@example.com\"", true}};
  reads.values = {{"owner", "\"bob\"", true}, {"due", "\"2026-11-27T10:00:00Z\""}};
  out.push_back(reads);
  Decision message = base(3);
  message.message = "breached \"triage\"\n\ttab";
  out.push_back(message);
  Decision secret = base(4);
  secret.target = "ann@example.com";
  secret.sensitive_target = true;
  secret.reason = "asked by \"ann\"";
  secret.sensitive_reason = true;
  secret.message = "for ann";
  secret.sensitive_message = true;
  out.push_back(secret);
  Decision global;
  global.at = 1'790'000'009'000;
  global.kind = "rejected";
  global.reason = std::string("bad \x01 byte \\ and \xc3\xa9 and a NUL") + '\0';
  global.target = "line 9";
  out.push_back(global);
  Decision empty_value = base(6);
  empty_value.values = {{"", ""}, {"blank", "", true}};
  out.push_back(empty_value);
  return out;
}

std::unique_ptr<AuditStore> create(const std::string& path) {
  auto store = AuditStore::open(path, AuditOpenOptions{AuditOpenMode::Create, {}}, kSalt);
  REQUIRE(store.ok());
  return std::move(store.value());
}

// Every row of `sql` in `path`, each column as its bytes.
std::vector<std::string> rows(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK);
  std::vector<std::string> out;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    std::string row;
    for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
      const auto* bytes = static_cast<const char*>(sqlite3_column_blob(stmt, c));
      row.append(bytes == nullptr ? "" : std::string(bytes, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
      row += '|';
    }
    out.push_back(row);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

void check_same_trail(const std::string& a, const std::string& b) {
  for (const char* sql : {"SELECT * FROM blocks ORDER BY first_seq", "SELECT * FROM sites ORDER BY id",
                          "SELECT * FROM incidents ORDER BY id", "SELECT * FROM policies ORDER BY id",
                          "SELECT * FROM meta ORDER BY key"}) {
    INFO(sql);
    CHECK(rows(a, sql) == rows(b, sql));
  }
}

}  // namespace

TEST_CASE("record image: a decision's image is the encoding of its sealed AuditRecord", "[runtime][audit]") {
  DecisionImageWriter writer(kPolicy, kSalt);
  RecordImages images;
  std::int64_t seq = 0;
  for (const Decision& d : decisions()) {
    writer.add(images, d, ++seq);
    AuditRecord r = audit_record(d, kPolicy);
    seal_record(r, kSalt, seq, kGenesisHash);
    INFO("record " << seq);
    CHECK(images.image(images.size() - 1) == encode_record(r));
  }
}

TEST_CASE("record image: images and AuditRecords of the same decisions make byte-identical trails",
          "[runtime][audit]") {
  TempDir dir;
  auto by_image = create(dir.path() + "/image.db");
  auto by_record = create(dir.path() + "/record.db");
  DecisionImageWriter writer(kPolicy, kSalt);
  for (int batch = 0; batch < 3; ++batch) {
    REQUIRE(by_image->begin_batch().ok());
    REQUIRE(by_record->begin_batch().ok());
    RecordImages images;
    // 70 records a batch: the first block fills (64) and a second starts.
    for (int i = 0; i < 70; ++i) {
      const Decision d = decisions()[static_cast<std::size_t>(i) % decisions().size()];
      writer.add(images, d, by_image->last_seq() + static_cast<std::int64_t>(images.size()) + 1);
      AuditRecord r = audit_record(d, kPolicy);
      REQUIRE(by_record->append(r).ok());
    }
    REQUIRE(by_image->append_images(images).ok());
    CHECK(by_image->last_hash() == by_record->last_hash());
    REQUIRE(by_image->commit_batch(writ::test::sample_checkpoint(by_image->last_seq())).ok());
    REQUIRE(by_record->commit_batch(writ::test::sample_checkpoint(by_record->last_seq())).ok());
  }
  by_image.reset();
  by_record.reset();
  check_same_trail(dir.path() + "/image.db", dir.path() + "/record.db");
}

TEST_CASE("record image: the writer's trail is the one the AuditRecord path writes", "[runtime][audit]") {
  TempDir dir;
  auto by_writer = create(dir.path() + "/writer.db");
  auto by_record = create(dir.path() + "/record.db");
  {
    AuditWriterOptions options;
    options.input_source = "events.jsonl";
    options.batch_lines = 2;
    AuditWriter writer(*by_writer, kPolicy, options);
    REQUIRE(by_record->begin_batch().ok());
    std::int64_t line = 0;
    for (int round = 0; round < 60; ++round) {
      for (const Decision& d : decisions()) {
        writer.record(d);
        AuditRecord r = audit_record(d, kPolicy);
        REQUIRE(by_record->append(r).ok());
      }
      // The blocks end at the same commits.
      if (writer.line_consumed(++line, 0)) {
        REQUIRE(by_record->commit_batch().ok());
        REQUIRE(by_record->begin_batch().ok());
      }
    }
    writer.commit(line, 0);
    REQUIRE_FALSE(writer.error());
    REQUIRE(by_record->commit_batch().ok());
  }
  CHECK(by_writer->last_hash() == by_record->last_hash());
  by_writer.reset();
  by_record.reset();
  check_same_trail(dir.path() + "/writer.db", dir.path() + "/record.db");
}

TEST_CASE("record image: an image out of sequence or cut short is refused and its batch rolled back",
          "[runtime][audit]") {
  TempDir dir;
  auto store = create(dir.path() + "/t.db");
  DecisionImageWriter writer(kPolicy, kSalt);
  RecordImages images;
  SECTION("a seq that does not continue the chain") { writer.add(images, decisions()[1], 2); }
  SECTION("bytes of another shape") {
    RecordImages whole;
    writer.add(whole, decisions()[1], 1);
    std::string_view image = whole.image(0);
    std::string_view cut = image.substr(0, image.size() - 3);
    std::copy(cut.begin(), cut.end(), images.add(cut.size()));
  }
  SECTION("a sensitive value without its value aside") {
    RecordImages whole;
    writer.add(whole, decisions()[1], 1);
    std::string_view image = whole.image(0);
    std::copy(image.begin(), image.end(), images.add(image.size()));
  }
  REQUIRE(store->begin_batch().ok());
  AuditStatus s = store->append_images(images);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().kind == AuditErrorKind::Misuse);
  CHECK(s.error().message.find("rolled back") != std::string::npos);
  CHECK_FALSE(store->in_batch());
  CHECK(store->last_seq() == 0);
}
