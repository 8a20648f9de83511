#pragma once
// Decodes one JSON line into the record layout of its event type (docs/events.md is the
// format). simdjson on demand reads the line straight into a compiler::Record, with no DOM;
// the parser, its padded buffer and the scratch space are reused from line to line, so a
// line costs the Record's allocations and the new strings it interns. Strings are interned
// only when the whole line is accepted, so a rejected line leaves the table as it was. Not
// synchronised: one decoder per thread, like the StringTable it interns into.
#include <cstddef>
#include <memory>
#include <string_view>
#include <variant>

#include "compiler/record_layout.hpp"
#include "compiler/string_table.hpp"
#include "runtime/decoded_event.hpp"
#include "runtime/rejection.hpp"

namespace writ::runtime {

struct DecoderOptions {
  // A longer line is rejected unread (LineTooLong), bounding the decoder's memory.
  std::size_t max_line_bytes = std::size_t{1} << 20;
};

// Arrays and objects nested deeper than this are rejected (TooDeep); no valid event nests
// deeper than 2, so this only bounds the recursion that checks hostile input.
inline constexpr int kMaxJsonDepth = 64;

using DecodeResult = std::variant<DecodedEvent, Rejection>;

class EventDecoder {
 public:
  // `layouts` and `strings` must outlive the decoder. Interns the event type names.
  EventDecoder(const compiler::ProgramLayouts& layouts, compiler::StringTable& strings, DecoderOptions options = {});
  ~EventDecoder();
  EventDecoder(const EventDecoder&) = delete;
  EventDecoder& operator=(const EventDecoder&) = delete;

  // One line, without its line break (a trailing `\r` is whitespace). Rejections name the
  // key at fault; the caller adds the line's position. No input makes it throw; only a
  // host failure does (memory, a full string table).
  DecodeResult decode(std::string_view line);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace writ::runtime
