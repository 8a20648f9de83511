#include "runtime/incident_pool.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <set>
#include <vector>

#include "compiler/record_layout.hpp"
#include "runtime/incident.hpp"

using namespace writ;

TEST_CASE("incident pool: distinct aligned blocks, a block given back is the next taken", "[runtime][incident_pool]") {
  runtime::IncidentPool pool(100);
  CHECK(pool.used_bytes() == 0);
  std::set<std::uintptr_t> seen;
  std::vector<void*> blocks;
  // Past the first chunks, so blocks come from several.
  for (int i = 0; i < 50'000; ++i) {
    void* block = pool.take();
    auto address = reinterpret_cast<std::uintptr_t>(block);
    REQUIRE(address % alignof(std::max_align_t) == 0);
    REQUIRE(seen.insert(address).second);
    std::memset(block, 0xAB, 100);  // the whole block is writable
    blocks.push_back(block);
  }
  // 100 bytes rounded up to the alignment, and the end of each full chunk too short for a block.
  std::size_t used = pool.used_bytes();
  CHECK(used >= 50'000 * 112);
  CHECK(used < 50'000 * 112 + 20 * 112);
  pool.give_back(blocks[7]);
  pool.give_back(blocks[3]);
  CHECK(pool.take() == blocks[3]);
  CHECK(pool.take() == blocks[7]);
  CHECK(pool.used_bytes() == used);
}

TEST_CASE("incident pool: an incident's block goes back to its pool when it is deleted", "[runtime][incident_pool]") {
  compiler::RecordLayout layout;
  layout.add("n", lang::Type::of(lang::Type::Kind::Int));
  layout.finish();
  runtime::IncidentShape shape(layout);
  runtime::IncidentPool pool(shape.bytes());
  auto first = runtime::Incident::make(shape, pool);
  first->state.set_scalar(*layout.find("n"), 42);
  CHECK(first->state.words()[0] == 42);
  CHECK(first->slas().empty());
  const void* address = first.get();
  first.reset();
  auto second = runtime::Incident::make(shape, pool);
  CHECK(static_cast<const void*>(second.get()) == address);
  // A new incident starts from zero, whatever its block held.
  CHECK(second->state.words()[0] == 0);
}
