#pragma once
// The lines of an event stream, handed out a few lines behind where they are read, so that
// while the engine applies one event the misses of the next ones are under way: at 100,000
// open incidents an event's incident id slot in the string table, its incident table slot
// and its incident's block are a cache miss each, one after the other. Each is prefetched
// at its own distance ahead (the next needs the one before in the cache), once the engine
// holds enough incidents for them to miss. Nothing is decoded or interned ahead and the
// engine is only read: the lines come out in order, and the engine decides exactly what it
// decides without. `writ replay` and runtime_bench read their lines through it; from a
// pipe, `writ replay` reads no line before it is due.
#include <array>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "compiler/string_table.hpp"
#include "runtime/engine.hpp"

namespace writ::runtime {

// Where a line's `"incident":"…"` text is, found by a plain search, not parsed: a guess for
// prefetching only, empty when the line has none in that form or it has escapes.
std::string_view incident_hint(std::string_view line);

class LineLookahead {
 public:
  // Puts the next line into its argument; false at the end of the input.
  using Read = std::function<bool(std::string&)>;
  // Lines read ahead of the one handed out: a line's string-table slot is prefetched as it
  // is read, kDepth lines ahead; its incident table slot 2 lines ahead, and its incident's
  // block 1 line ahead, each once the one before is in the cache. An event's work is far
  // longer than a miss, so one line apart is enough.
  static constexpr std::size_t kDepth = 3;
  // Open incidents from which lines are warmed. Below, an engine's incidents and tables stay
  // in the caches, and finding and hashing each line's incident ahead (some 500
  // instructions a line) cost 8 % at 1,000 open incidents for nothing; from 10,000 on the
  // misses it hides are worth more.
  static constexpr std::size_t kWarmFrom = 4096;

  // `engine` must outlive the lookahead; it is read, never changed. `ahead` false reads
  // each line only when it is due: for a pipe, where reading ahead would wait for lines
  // the writer has not written yet and hold back the ones it has.
  LineLookahead(const Engine& engine, Read read, bool ahead = true);
  // The next line, or null after the last; valid until the next call.
  const std::string* next();

 private:
  struct Ahead {
    std::string line;
    std::string_view incident;  // incident_hint(line)
    compiler::StringId id = 0;
    bool known = false;  // `incident` was interned: `id` is its id
  };
  Ahead& at(std::size_t distance) { return ring_[(head_ + distance) % ring_.size()]; }
  // Reads the next line into `slot` and prefetches its string-table slot; false at the end.
  bool read_into(Ahead& slot);

  const Engine& engine_;
  Read read_;
  std::array<Ahead, kDepth + 1> ring_;
  bool ahead_;
  std::size_t head_ = 0;  // the slot of the line handed out last, or of the next one
  std::size_t held_ = 0;  // lines in the ring from head_ on
  bool handed_ = false;   // the line at head_ was handed out
  bool ended_ = false;
};

}  // namespace writ::runtime
