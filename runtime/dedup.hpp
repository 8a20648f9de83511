#pragma once
// The `id`s of the events applied so far, so a feed that delivers an event twice has it
// applied once. Ids are global to the engine, not per incident. Unbounded by default; with a
// capacity, the oldest id is forgotten when a new one would exceed it, so an id repeated
// after `capacity` newer ids is applied again. Insert an event's id only once every other
// check has passed, so a rejected event's id does not shadow a later good one.
#include <cstddef>
#include <deque>
#include <unordered_set>
#include <vector>

#include "compiler/string_table.hpp"
#include "runtime/decoded_event.hpp"

namespace writ::runtime {

class SeenIds {
 public:
  // 0: unbounded.
  explicit SeenIds(std::size_t capacity = 0) : capacity_(capacity) {}

  // Records `id`; false when it was already recorded (and not yet forgotten).
  bool insert(compiler::StringId id);
  bool contains(compiler::StringId id) const { return ids_.count(id) != 0; }
  std::size_t size() const { return ids_.size(); }
  // The ids recorded, in an order that insert() rebuilds this set from: insertion order when
  // bounded, ascending otherwise (for checkpoints).
  std::vector<compiler::StringId> ids() const;

 private:
  std::size_t capacity_;
  std::unordered_set<compiler::StringId> ids_;
  std::deque<compiler::StringId> order_;  // insertion order, kept only when bounded
};

// "`id` \"evt-42\" was already applied".
Rejection reject_duplicate_id(const DecodedEvent& event, const compiler::StringTable& strings);

}  // namespace writ::runtime
