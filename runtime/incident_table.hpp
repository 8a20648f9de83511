#pragma once
// The incidents the engine holds, by interned id. A lookup indexes an array by the id (ids
// are dense: the string table hands them out from 0), so it hashes nothing and follows no
// node: at 100,000 open incidents a hash map's bucket and node were two cache misses per
// event. A global event walks them in id order through an index kept as incidents open and
// go, not a sort of them all per event.
#include <cstddef>
#include <memory>
#include <vector>

#include "compiler/string_table.hpp"
#include "runtime/incident.hpp"

namespace writ::runtime {

class IncidentTable {
 public:
  Incident* find(compiler::StringId id) const { return id < slots_.size() ? slots_[id].get() : nullptr; }
  // Starts loading the slot find(id) reads, changing nothing.
  void prefetch(compiler::StringId id) const {
    if (id < slots_.size()) __builtin_prefetch(&slots_[id]);
  }
  // Holds `incident` under `id`, replacing any incident held there.
  Incident& insert(compiler::StringId id, std::unique_ptr<Incident> incident);
  void erase(compiler::StringId id);
  std::size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  // Every incident held, in the order of their id texts. Valid until the next change.
  const std::vector<Incident*>& in_order();
  // Every incident held, in no particular order.
  template <typename F>
  void for_each(F f) const {
    for (const auto& slot : slots_) {
      if (slot) f(*slot);
    }
  }

 private:
  void merge_added();
  auto gone() const {
    return [this](compiler::StringId id) { return !find(id); };
  }

  std::vector<std::unique_ptr<Incident>> slots_;  // by id; null where none is held
  std::size_t count_ = 0;
  // The order is kept from the first in_order() on, so an engine that never asks pays nothing.
  bool ordering_ = false;
  std::vector<compiler::StringId> ordered_;  // sorted by text; may still hold erased ids
  std::vector<compiler::StringId> added_;    // inserted since the last in_order()
  bool erased_ = false;                      // an id was erased since the last in_order()
  std::vector<Incident*> view_;              // what in_order() returns
};

}  // namespace writ::runtime
