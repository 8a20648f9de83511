#pragma once
// What changed in the engine since its state was last taken for a checkpoint: the incidents
// touched (by an event, a timer or a global event reaching them) and how many strings and
// seen ids the last checkpoint held. Off until the first checkpoint (which takes the whole
// state), so an engine that writes no trail keeps no list. Incidents are kept by interned
// id, marked in a vector the ids index: a touch per event and per timer reads a byte, where
// a hash set's insert was 3-4 % of a replay with the trail at 100,000 open incidents.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "compiler/string_table.hpp"

namespace writ::runtime {

class StateTracker {
 public:
  bool on() const { return on_; }
  // `incident` is 0 (the empty string) for the engine-wide instances, which are not rows.
  void touch(compiler::StringId incident) {
    if (!on_ || incident == 0) return;
    if (incident >= marked_.size()) marked_.resize(incident + 1, false);
    if (marked_[incident]) return;
    marked_[incident] = true;
    touched_.push_back(incident);
  }
  // The incidents touched since the last checkpoint, each once, in the order first touched;
  // forgotten by the next start().
  const std::vector<compiler::StringId>& touched() const { return touched_; }

  // After a checkpoint (or a restore) that held `strings` strings, `seen` seen ids and chunks
  // numbered below `next_chunk`: tracking starts over from there.
  void start(std::size_t strings, std::size_t seen, std::int64_t next_chunk) {
    on_ = true;
    for (compiler::StringId id : touched_) marked_[id] = false;
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
  std::vector<compiler::StringId> touched_;
  std::vector<bool> marked_;  // by id: in touched_
  std::size_t strings_ = 0;
  std::size_t seen_ = 0;
  std::int64_t next_chunk_ = 0;
};

}  // namespace writ::runtime
