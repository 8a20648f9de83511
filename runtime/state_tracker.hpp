#pragma once
// What changed in the engine since its state was last taken for a checkpoint: the incidents
// touched (by an event, a timer or a global event reaching them) and how many strings and
// seen ids the last checkpoint held. Off until the first checkpoint (which takes the whole
// state), so an engine that writes no trail keeps no list. Incidents are kept by interned
// id: a touch per event and per timer hashes a number and copies no text.
#include <cstddef>
#include <cstdint>
#include <unordered_set>

#include "compiler/string_table.hpp"

namespace writ::runtime {

class StateTracker {
 public:
  bool on() const { return on_; }
  // `incident` is 0 (the empty string) for the engine-wide instances, which are not rows.
  void touch(compiler::StringId incident) {
    if (on_ && incident != 0) touched_.insert(incident);
  }
  // The incidents touched since the last checkpoint; forgotten by the next start().
  const std::unordered_set<compiler::StringId>& touched() const { return touched_; }

  // After a checkpoint (or a restore) that held `strings` strings, `seen` seen ids and chunks
  // numbered below `next_chunk`: tracking starts over from there.
  void start(std::size_t strings, std::size_t seen, std::int64_t next_chunk) {
    on_ = true;
    touched_.clear();
    strings_ = strings;
    seen_ = seen;
    next_chunk_ = next_chunk;
  }
  std::size_t strings() const { return strings_; }
  std::size_t seen() const { return seen_; }
  std::int64_t next_chunk() const { return next_chunk_; }

 private:
  bool on_ = false;
  std::unordered_set<compiler::StringId> touched_;
  std::size_t strings_ = 0;
  std::size_t seen_ = 0;
  std::int64_t next_chunk_ = 0;
};

}  // namespace writ::runtime
