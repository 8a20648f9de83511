#include "runtime/dedup.hpp"

#include <catch2/catch.hpp>

#include "runtime/decoded_event.hpp"
#include "tests/support/decoder_fixture.hpp"

using namespace writ;

TEST_CASE("seen ids without a capacity remember every id", "[runtime][dedup]") {
  runtime::SeenIds seen;
  for (compiler::StringId id = 1; id <= 1000; ++id) CHECK(seen.insert(id));
  CHECK(seen.size() == 1000);
  CHECK_FALSE(seen.insert(1));
  CHECK_FALSE(seen.insert(1000));
  CHECK(seen.contains(500));
}

TEST_CASE("seen ids with a capacity forget the oldest first", "[runtime][dedup]") {
  runtime::SeenIds seen(3);
  CHECK(seen.insert(10));
  CHECK(seen.insert(20));
  CHECK(seen.insert(30));
  CHECK_FALSE(seen.insert(10));  // a repeat does not refresh or re-add
  CHECK(seen.insert(40));        // forgets 10
  CHECK(seen.size() == 3);
  CHECK_FALSE(seen.contains(10));
  CHECK(seen.contains(20));
  CHECK(seen.insert(10));  // forgets 20
  CHECK_FALSE(seen.contains(20));
  CHECK_FALSE(seen.insert(30));
}

TEST_CASE("a duplicate id's rejection carries the event's context", "[runtime][dedup]") {
  auto f = test::decoder_for("event a.happened { n: int }\n");
  runtime::DecodedEvent e = f->accept(R"({"type":"a.happened","at":"2026-11-26T09:00:00Z","incident":"I-1","id":"ev\"1","n":1})");
  runtime::Rejection dup = runtime::reject_duplicate_id(e, f->strings);
  CHECK(dup.reason == runtime::RejectReason::DuplicateId);
  CHECK(dup.message == R"(`id` "ev\"1" was already applied)");
  CHECK(dup.type == "a.happened");
  CHECK(dup.at == e.at);
  CHECK(dup.incident == "I-1");
}
