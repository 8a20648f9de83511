// verify names the first bad record for every kind of tampering with the file: a changed
// column, a value inside the values column, deleted, inserted or swapped records, edited
// meta, flipped bytes.
#include "runtime/audit_verify.hpp"

#include <catch2/catch.hpp>

#include "support/audit_fixture.hpp"
#include "support/run_process.hpp"
#include "support/trail_tamper.hpp"

using namespace writ::runtime;
using writ::test::TempDir;
using writ::test::tamper;
using writ::test::write_trail;

namespace {

// Six records in two batches; the checkpoint is at record 6.
struct Trail {
  TempDir dir;
  std::string path = dir.path() + "/trail.db";
  Trail() { write_trail(path, 2, 3); }
};

AuditVerifyReport verify(const std::string& path) {
  auto report = verify_trail(path);
  INFO((report.ok() ? "" : report.error().message));
  REQUIRE(report.ok());
  return report.value();
}

void expect_bad(const std::string& path, std::int64_t seq, const std::string& why) {
  AuditVerifyReport report = verify(path);
  INFO(report.reason);
  CHECK_FALSE(report.ok);
  CHECK(report.bad_seq == seq);
  CHECK(report.reason.find(why) != std::string::npos);
}

}  // namespace

TEST_CASE("audit verify: an untouched trail verifies", "[runtime][audit]") {
  Trail t;
  AuditVerifyReport report = verify(t.path);
  CHECK(report.ok);
  CHECK(report.records == 6);
  CHECK(report.head.seq == 6);
  CHECK(is_hex_digest(report.head.hash));
}

TEST_CASE("audit verify: an empty trail verifies", "[runtime][audit]") {
  TempDir dir;
  std::string path = dir.path() + "/trail.db";
  write_trail(path, 0, 0);
  AuditVerifyReport report = verify(path);
  CHECK(report.ok);
  CHECK(report.records == 0);
}

TEST_CASE("audit verify: a changed column of a record", "[runtime][audit]") {
  const char* edits[] = {
      "at_ms = at_ms + 1",     "incident = 2",       "kind = 'notify'",   "construct = 'sla'",
      "name = 'other'",        "span = 'x.writ:1:1'",      "outcome = 'none'",  "target = 'nobody'",
      "reason = 'because'",
  };
  for (const char* edit : edits) {
    Trail t;
    tamper(t.path, std::string("UPDATE records SET ") + edit + " WHERE seq = 3");
    INFO(edit);
    expect_bad(t.path, 3, "does not match its hash");
  }
}

TEST_CASE("audit verify: a changed policy", "[runtime][audit]") {
  Trail t;
  SECTION("the policy's hash, which every record names") {
    tamper(t.path, "UPDATE policies SET hash = 'bbbb'");
    expect_bad(t.path, 1, "does not match its hash");
  }
  SECTION("a second policy given to one record") {
    tamper(t.path, "INSERT INTO policies (id, hash) VALUES (2, 'bbbb'); UPDATE records SET policy = 2 WHERE seq = 4");
    expect_bad(t.path, 4, "does not match its hash");
  }
  SECTION("a record given a policy that does not exist") {
    tamper(t.path, "UPDATE records SET policy = 7 WHERE seq = 4");
    expect_bad(t.path, 4, "its policy is not in the policies table");
  }
}

TEST_CASE("audit verify: a changed incident", "[runtime][audit]") {
  Trail t;
  // Odd records belong to INC-1, even ones to INC-2.
  SECTION("an incident renamed, which its records name") {
    tamper(t.path, "UPDATE incidents SET name = 'INC-9' WHERE name = 'INC-2'");
    expect_bad(t.path, 2, "does not match its hash");
  }
  SECTION("a record given the other incident") {
    tamper(t.path, "UPDATE records SET incident = (SELECT incident FROM records WHERE seq = 4) WHERE seq = 5");
    expect_bad(t.path, 5, "does not match its hash");
  }
  SECTION("a record given an incident that does not exist") {
    tamper(t.path, "UPDATE records SET incident = 99 WHERE seq = 5");
    expect_bad(t.path, 5, "its incident is not in the incidents table");
  }
  SECTION("an incident deleted") {
    tamper(t.path, "DELETE FROM incidents WHERE name = 'INC-2'");
    expect_bad(t.path, 2, "its incident is not in the incidents table");
  }
}

TEST_CASE("audit verify: a changed hash or prev_hash", "[runtime][audit]") {
  Trail t;
  const std::string ones = "X'" + std::string(64, 'f') + "'";
  SECTION("hash") {
    tamper(t.path, "UPDATE records SET hash = " + ones + " WHERE seq = 3");
    expect_bad(t.path, 3, "does not match its hash");
  }
  SECTION("hash cut short") {
    tamper(t.path, "UPDATE records SET hash = substr(hash, 1, 31) WHERE seq = 3");
    expect_bad(t.path, 3, "does not match its hash");
  }
  SECTION("prev_hash") {
    tamper(t.path, "UPDATE records SET prev_hash = " + ones + " WHERE seq = 3");
    expect_bad(t.path, 3, "prev_hash is not record 2's hash");
  }
  SECTION("prev_hash of the first record") {
    tamper(t.path, "UPDATE records SET prev_hash = " + ones + " WHERE seq = 1");
    expect_bad(t.path, 1, "the start of a chain");
  }
  SECTION("a record renumbered") {
    tamper(t.path, "UPDATE records SET seq = 100 WHERE seq = 3");
    expect_bad(t.path, 3, "missing");
  }
}

TEST_CASE("audit verify: a changed value", "[runtime][audit]") {
  Trail t;
  // Each record's values_json is [["severity","1"],["reporter","\"...\"","<digest>"]]:
  // a plain value, then a sensitive one.
  auto edit = [&](const std::string& expression) {
    tamper(t.path, "UPDATE records SET values_json = " + expression + " WHERE seq = 4");
  };
  SECTION("plain value") {
    edit("json_replace(values_json, '$[0][1]', '5')");
    expect_bad(t.path, 4, "does not match its hash");
  }
  SECTION("plain value removed") {
    edit("json_replace(values_json, '$[0][1]', json('null'))");
    expect_bad(t.path, 4, "`severity` is missing");
  }
  SECTION("a plain value given a digest") {
    edit("json_insert(values_json, '$[0][2]', '" + std::string(64, 'e') + "')");
    expect_bad(t.path, 4, "does not match its digest");
  }
  SECTION("name") {
    edit("json_replace(values_json, '$[0][0]', 'sev')");
    expect_bad(t.path, 4, "does not match its hash");
  }
  SECTION("sensitive value") {
    edit("json_replace(values_json, '$[1][1]', '\"mallory\"')");
    expect_bad(t.path, 4, "does not match its digest");
  }
  SECTION("sensitive value removed from a full trail") {
    edit("json_replace(values_json, '$[1][1]', json('null'))");
    expect_bad(t.path, 4, "removed from a trail that is not redacted");
  }
  SECTION("digest") {
    edit("json_replace(values_json, '$[1][2]', '" + std::string(64, 'e') + "')");
    expect_bad(t.path, 4, "does not match its digest");
  }
  SECTION("sensitivity dropped with the digest") {
    edit("json_remove(values_json, '$[1][2]')");
    expect_bad(t.path, 4, "does not match its hash");
  }
  SECTION("order") {
    edit("json_array(json_extract(values_json, '$[1]'), json_extract(values_json, '$[0]'))");
    expect_bad(t.path, 4, "does not match its hash");
  }
  SECTION("a value deleted") {
    edit("json_remove(values_json, '$[0]')");
    expect_bad(t.path, 4, "does not match its hash");
  }
  SECTION("a value added") {
    edit("json_insert(values_json, '$[#]', json('[\"x\",\"1\"]'))");
    expect_bad(t.path, 4, "does not match its hash");
  }
  SECTION("the values of one record given to another") {
    edit("(SELECT values_json FROM records WHERE seq = 5)");
    expect_bad(t.path, 4, "does not match");
  }
  SECTION("values that are not JSON") {
    edit("'[[\"severity\",\"1\"]'");
    expect_bad(t.path, 4, "its values are not readable: `]` expected at the end");
  }
  SECTION("values of another shape") {
    edit("'[[\"severity\",1]]'");
    expect_bad(t.path, 4, "its values are not readable");
  }
  SECTION("a bad record after a bad one is not the finding") {
    tamper(t.path, "UPDATE records SET values_json = 'x' WHERE seq = 5; UPDATE records SET kind = 'x' WHERE seq = 2");
    expect_bad(t.path, 2, "does not match its hash");
  }
}

TEST_CASE("audit verify: deleted, swapped and added records", "[runtime][audit]") {
  Trail t;
  SECTION("a middle record deleted") {
    tamper(t.path, "DELETE FROM records WHERE seq = 3");
    expect_bad(t.path, 3, "missing: the next record is 4");
  }
  SECTION("the first record deleted") {
    tamper(t.path, "DELETE FROM records WHERE seq = 1");
    expect_bad(t.path, 1, "missing");
  }
  SECTION("the last record deleted") {
    tamper(t.path, "DELETE FROM records WHERE seq = 6");
    expect_bad(t.path, 6, "deleted from the end");
  }
  SECTION("all records deleted") {
    tamper(t.path, "DELETE FROM records");
    expect_bad(t.path, 1, "deleted from the end");
  }
  SECTION("two records swapped") {
    tamper(t.path,
           "UPDATE records SET seq = -2 WHERE seq = 2; UPDATE records SET seq = 2 WHERE seq = 3;"
           "UPDATE records SET seq = 3 WHERE seq = -2");
    expect_bad(t.path, 2, "prev_hash is not record 1's hash");
  }
  SECTION("a record added behind the store's back") {
    tamper(t.path,
           "INSERT INTO records SELECT 7, at_ms, incident, kind, construct, name, span, outcome, target, reason, "
           "policy, values_json, hash, hash FROM records WHERE seq = 6");
    expect_bad(t.path, 7, "does not match its hash");
  }
}

TEST_CASE("audit verify: edited meta and checkpoint", "[runtime][audit]") {
  Trail t;
  SECTION("head seq") {
    tamper(t.path, "UPDATE meta SET value = '5' WHERE key = 'head_seq'");
    expect_bad(t.path, 6, "not committed by the store");
  }
  SECTION("head hash") {
    tamper(t.path, "UPDATE meta SET value = '" + std::string(64, 'c') + "' WHERE key = 'head_hash'");
    expect_bad(t.path, 6, "not the one the trail's head names");
  }
  SECTION("salt") {
    tamper(t.path, "UPDATE meta SET value = '" + std::string(64, 'c') + "' WHERE key = 'salt'");
    expect_bad(t.path, 1, "does not match its digest");
  }
  SECTION("redaction mark") {
    tamper(t.path, "UPDATE meta SET value = '1' WHERE key = 'redacted'");
    expect_bad(t.path, 1, "a redacted export holds the sensitive value");
  }
  SECTION("checkpoint seq") {
    tamper(t.path, "UPDATE checkpoint SET seq = 5");
    expect_bad(t.path, 5, "not the one the checkpoint names");
  }
  SECTION("checkpoint beyond the end") {
    tamper(t.path, "UPDATE checkpoint SET seq = 9");
    expect_bad(t.path, 9, "the trail ends before it");
  }
  SECTION("meta unreadable") {
    tamper(t.path, "UPDATE meta SET value = 'x' WHERE key = 'head_seq'");
    auto report = verify_trail(t.path);
    REQUIRE_FALSE(report.ok());
    CHECK(report.error().kind == AuditErrorKind::Damaged);
  }
}

TEST_CASE("audit verify: a flipped byte anywhere is found or changes nothing", "[runtime][audit]") {
  TempDir dir;
  std::string good_path = dir.path() + "/good.db";
  write_trail(good_path, 3, 4);
  std::vector<AuditRecord> originals;
  {
    auto store = AuditStore::open(good_path, AuditOpenOptions{});
    REQUIRE(store.ok());
    REQUIRE(store.value()->for_each_record([&](const AuditRecord& r) {
                   originals.push_back(r);
                   return true;
                 }).ok());
  }
  std::string bytes = dir.read("good.db");
  int found = 0;
  // A prime stride: over the file's 16 KiB pages the flips land at every kind of offset
  // (page headers, cell pointers, cells, free space), about 170 to a page.
  for (std::size_t at = 0; at < bytes.size(); at += 97) {
    std::string flipped = bytes;
    flipped[at] = static_cast<char>(flipped[at] ^ 0x20);
    std::string path = dir.write("flipped.db", flipped);
    auto report = verify_trail(path);
    if (!report.ok() || !report.value().ok) {
      ++found;
      continue;
    }
    // Verified: then the byte was one no record depends on, and every record reads as it was.
    auto store = AuditStore::open(path, AuditOpenOptions{});
    REQUIRE(store.ok());
    std::size_t i = 0;
    REQUIRE(store.value()->for_each_record([&](const AuditRecord& r) {
                   REQUIRE(i < originals.size());
                   CHECK(r.hash == originals[i].hash);
                   CHECK(record_hash(r) == r.hash);
                   ++i;
                   return true;
                 }).ok());
    CHECK(i == originals.size());
  }
  CHECK(found > 0);
}
