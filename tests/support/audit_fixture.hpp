#pragma once
// Audit trails for tests: sample records (with a sensitive value to look for after
// redaction) and a writer that commits them in batches, each with a checkpoint.
#include <catch2/catch.hpp>

#include <string>

#include "runtime/audit_store.hpp"
#include "runtime/hash_chain.hpp"
#include "runtime/record_images.hpp"

namespace writ::test {

// Every sensitive value of the sample records contains this text.
inline constexpr const char* kSecretMarker = "secret-reporter";

inline runtime::AuditRecord sample_record(int i) {
  runtime::AuditRecord r;
  r.at_ms = 1'790'000'000'000 + i * 60'000LL;
  r.incident = i % 2 == 0 ? "INC-2" : "INC-1";
  r.kind = "rule";
  r.construct = "rule";
  r.name = "escalate_" + std::to_string(i);
  r.span = "policies/p.writ:" + std::to_string(10 + i) + ":3";
  r.outcome = "escalated";
  r.target = "oncall";
  r.reason = "severity is 1";
  r.values = {{"severity", std::string("1"), false, ""},
              {"reporter", "\"" + std::string(kSecretMarker) + "-" + std::to_string(i) + "@example.com\"", true, ""}};
  r.policy_hash = std::string(64, 'a');
  return r;
}

// Adds the image of sample_record(seq), its digests under `salt`, to `images`.
inline void add_sample_image(runtime::RecordImages& images, int seq, const std::string& salt) {
  runtime::AuditRecord r = sample_record(seq);
  runtime::seal_record(r, salt, seq, runtime::kGenesisHash);
  images.add(r);
}

// The checkpoint after `records` records: the engine would have read that many lines.
inline runtime::AuditCheckpoint sample_checkpoint(std::int64_t records) {
  runtime::AuditCheckpoint cp;
  cp.input_offset = records;
  cp.input_source = "events.jsonl";
  cp.clock_ms = 1'790'000'000'000 + records * 60'000;
  cp.policy_hash = std::string(64, 'a');
  cp.state = std::string("state\0after ", 12) + std::to_string(records);
  return cp;
}

// Appends `batches` batches of `per_batch` sample records to an open store.
inline void append_batches(runtime::AuditStore& store, int batches, int per_batch) {
  for (int b = 0; b < batches; ++b) {
    REQUIRE(store.begin_batch().ok());
    for (int i = 0; i < per_batch; ++i) {
      runtime::AuditRecord r = sample_record(static_cast<int>(store.last_seq()) + 1);
      REQUIRE(store.append(r).ok());
    }
    REQUIRE(store.commit_batch(sample_checkpoint(store.last_seq())).ok());
  }
}

// A new trail at `path` holding batches * per_batch sample records.
inline void write_trail(const std::string& path, int batches = 2, int per_batch = 3) {
  auto store = runtime::AuditStore::open(path, {runtime::AuditOpenMode::Create, {}});
  REQUIRE(store.ok());
  append_batches(*store.value(), batches, per_batch);
}

}  // namespace writ::test
