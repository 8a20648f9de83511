#pragma once
// What a compiled expression reads, shared by the interpreter and generated code. Plain
// structs with a fixed layout: the JIT loads their members by offset (offsetof below), so
// nothing here may gain a virtual function or a non-trivial member.
#include <cstddef>
#include <cstdint>

namespace writ::compiler {

class StringTable;
class SetArena;
}  // namespace writ::compiler

namespace writ::stdlib {
class BusinessCalendar;
}  // namespace writ::stdlib

namespace writ::compiler {

// A set<string> value: `len` interned ids, sorted ascending, no repeats.
struct SetRef {
  const std::uint32_t* data;
  std::int64_t len;
};

struct EvalContext {
  // Records as int64 words laid out by RecordLayout; null where the context has none.
  // Routines (routine.hpp) write the state and global records in place; expressions only
  // read them.
  const std::int64_t* event;
  std::int64_t* state;
  std::int64_t* global;
  const std::int64_t* started;
  std::int64_t now;       // ms since the epoch
  StringTable* strings;   // lower() interns its results here
  SetArena* arena;        // holds sets built while evaluating (set literals of non-literals)
  // The policy's calendars, by the index business_elapsed() names; null where none is read.
  const stdlib::BusinessCalendar* const* calendars = nullptr;
  std::int64_t calendar_count = 0;
};

// Which record a load reads: also the order of the record pointers in EvalContext.
enum class RecordSource : std::uint8_t { Event, State, Global, Started };

inline std::size_t record_pointer_offset(RecordSource source) {
  switch (source) {
    case RecordSource::Event: return offsetof(EvalContext, event);
    case RecordSource::State: return offsetof(EvalContext, state);
    case RecordSource::Global: return offsetof(EvalContext, global);
    case RecordSource::Started: return offsetof(EvalContext, started);
  }
  return offsetof(EvalContext, event);
}

// Every compiled expression has this C ABI: a scalar result (int, duration, time, bool as
// 0/1, enum index, string id) is returned; a set result is written to *set_out and 0 is
// returned.
using CompiledExpr = std::int64_t (*)(const EvalContext* ctx, SetRef* set_out);

}  // namespace writ::compiler
