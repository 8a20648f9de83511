#pragma once
// What the engine needs to resume after a crash, stored in the same transaction as the
// records of the batch it ends: where the input continues and the state to continue from.
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/engine_state.hpp"

namespace writ::runtime {

struct AuditCheckpoint {
  // Where the next unread event starts, in the engine's terms (a byte offset or a line).
  std::int64_t input_offset = 0;
  // Which input the offset belongs to (a file name, a stream id); opaque to the store.
  std::string input_source;
  // The engine clock when the batch ended, ms since the Unix epoch.
  std::int64_t clock_ms = 0;
  // The policy the state was made under; the engine refuses to resume under another.
  std::string policy_hash;
  // The engine's state, serialised by the engine; opaque bytes to the store. Its engine-wide
  // part, stored whole with each checkpoint (empty: the checkpoint holds no state), and the
  // rows below.
  std::string state;
  // Set by the store on commit: the last record of the batch and its hash, tying the
  // checkpoint to the chain (0 and 64 zeros when no record precedes it).
  std::int64_t seq = 0;
  std::string hash;
  // The keyed rows of the state that changed since the last checkpoint, written or deleted
  // in the same transaction; with state_whole, they replace every row stored before. The
  // store writes them and does not read them back into a checkpoint (AuditStore::state_rows).
  std::vector<StateRow> state_rows;
  bool state_whole = false;
};

}  // namespace writ::runtime
