// The canonical encoding and the chain hash, pinned by a vector computed independently
// (Python's hashlib, as docs/audit.md describes), so a change to either is deliberate.
#include "runtime/hash_chain.hpp"

#include <catch2/catch.hpp>

#include "support/fixed_salt.hpp"

using namespace writ::runtime;

namespace {

const char* kSalt = writ::test::kFixedSalt;

AuditRecord vector_record() {
  AuditRecord r;
  r.seq = 1;
  r.at_ms = 1'790'000'000'000;
  r.incident = "INC-7";
  r.kind = "rule";
  r.construct = "rule";
  r.name = "escalate";
  r.span = "p.writ:3:1";
  r.outcome = "escalated";
  r.target = "oncall";
  r.reason = "severity is 1";
  r.policy_hash = "ph";
  r.values = {{"severity", std::string("1"), false, ""},
              {"reporter", std::string("\"ann@example.com\""), true, value_digest(kSalt, "reporter", "\"ann@example.com\"")}};
  r.prev_hash = std::string(kGenesisHash);
  return r;
}

}  // namespace

TEST_CASE("hash chain: the documented test vector", "[runtime][audit]") {
  AuditRecord r = vector_record();
  CHECK(r.values[1].digest == "7c1405173ffc69ae4ff0cd007da87054bf45630693ed3facb351d817ef2ee322");
  CHECK(record_hash(r) == "20eed6b1d61b04bccf4385f571ac8d344db0235b5ea9b9e4311000944e541d7f");
}

TEST_CASE("hash chain: sealing returns the bytes of the hash it sets, and a record sealed again hashes as a fresh one",
          "[runtime][audit]") {
  AuditRecord r = vector_record();
  writ::compiler::Digest bytes = seal_record(r, kSalt, 1, kGenesisHash);
  CHECK(r.hash == "20eed6b1d61b04bccf4385f571ac8d344db0235b5ea9b9e4311000944e541d7f");
  CHECK(writ::compiler::to_hex(bytes) == r.hash);
  // The same record object and the encoding buffer, reused for shorter and longer records.
  const std::string prev = r.hash;
  for (const char* incident : {"", "I", "an incident with a name longer than the last one"}) {
    r.incident = incident;
    r.values.resize(r.values.size() == 2 ? 1 : 2, r.values[0]);
    bytes = seal_record(r, kSalt, 2, prev);
    AuditRecord fresh = r;
    fresh.hash.clear();
    CHECK(record_hash(fresh) == r.hash);
    CHECK(writ::compiler::to_hex(bytes) == r.hash);
    CHECK(r.prev_hash == prev);
  }
}

TEST_CASE("hash chain: a sensitive value enters as its digest, so dropping it keeps the hash", "[runtime][audit]") {
  AuditRecord r = vector_record();
  std::string encoding = encode_record(r);
  CHECK(encoding.find("ann@example.com") == std::string::npos);
  CHECK(encoding.find(r.values[1].digest) != std::string::npos);
  std::string before = record_hash(r);
  r.values[1].value.reset();
  CHECK(record_hash(r) == before);
}

TEST_CASE("hash chain: every field changes the hash", "[runtime][audit]") {
  const std::string base = record_hash(vector_record());
  std::vector<void (*)(AuditRecord&)> edits = {
      [](AuditRecord& r) { r.seq = 2; },
      [](AuditRecord& r) { r.at_ms += 1; },
      [](AuditRecord& r) { r.incident = "INC-8"; },
      [](AuditRecord& r) { r.kind = "notify"; },
      [](AuditRecord& r) { r.construct = "sla"; },
      [](AuditRecord& r) { r.name = "other"; },
      [](AuditRecord& r) { r.span = "p.writ:3:2"; },
      [](AuditRecord& r) { r.outcome = "denied"; },
      [](AuditRecord& r) { r.target = "nobody"; },
      [](AuditRecord& r) { r.reason = "severity is 2"; },
      [](AuditRecord& r) { r.policy_hash = "pi"; },
      [](AuditRecord& r) { r.prev_hash = std::string(64, '1'); },
      [](AuditRecord& r) { r.values[0].name = "sev"; },
      [](AuditRecord& r) { r.values[0].value = "2"; },
      [](AuditRecord& r) { r.values[0].sensitive = true; },
      [](AuditRecord& r) { r.values[1].digest[0] = '0'; },
      [](AuditRecord& r) { std::swap(r.values[0], r.values[1]); },
      [](AuditRecord& r) { r.values.pop_back(); },
  };
  for (std::size_t i = 0; i < edits.size(); ++i) {
    AuditRecord r = vector_record();
    edits[i](r);
    INFO("edit " << i);
    CHECK(record_hash(r) != base);
  }
}

TEST_CASE("hash chain: length prefixes keep field boundaries apart", "[runtime][audit]") {
  CHECK(value_digest(kSalt, "ab", "c") != value_digest(kSalt, "a", "bc"));
  AuditRecord a = vector_record();
  AuditRecord b = vector_record();
  a.kind = "ru";
  a.construct = "lerule";
  b.kind = "rule";
  b.construct = "rule";
  CHECK(record_hash(a) != record_hash(b));
}

TEST_CASE("hash chain: salts are random 64-digit hex", "[runtime][audit]") {
  auto a = new_salt();
  auto b = new_salt();
  REQUIRE(a);
  REQUIRE(b);
  CHECK(is_hex_digest(*a));
  CHECK(*a != *b);
  CHECK_FALSE(is_hex_digest("ABCDEF0000000000000000000000000000000000000000000000000000000000"));
  CHECK_FALSE(is_hex_digest("abc"));
}
