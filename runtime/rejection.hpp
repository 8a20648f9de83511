#pragma once
// Why an input event was not applied. A rejected line is recorded with its reason and the
// engine goes on with the next one. The decoder gives every reason but the last two; the
// engine, which owns the clock and the seen ids, gives those.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace writ::runtime {

enum class RejectReason : std::uint8_t {
  EmptyLine,         // nothing but whitespace
  LineTooLong,       // longer than DecoderOptions::max_line_bytes
  InvalidUtf8,       // the line is not UTF-8
  InvalidJson,       // not one JSON value, or content after it
  TooDeep,           // arrays and objects nested past the decoder's limit
  NotAnObject,       // valid JSON, but not an object
  DuplicateKey,      // a key given twice in one object
  MissingField,      // `type`, `at`, `incident` (non-global types) or a required field
  UnknownType,       // `type` names no declared event type
  UnknownField,      // a key that is neither reserved nor in the schema
  WrongType,         // a value of the wrong JSON kind, `null` where not optional, a float for an int
  IntOutOfRange,     // an integer outside int64
  BadTime,           // a string that is not an RFC 3339 time
  BadDuration,       // a string that is not a Writ duration
  UnknownEnumValue,  // a string that names no value of the field's enum
  EmptyValue,        // an empty `incident` or `id`
  DuplicateId,       // engine: an `id` already seen
  BeforeClock,       // engine: `at` older than the engine clock
};

// A stable snake_case name for output and the audit trail: `invalid_json`, `missing_field`.
std::string_view reason_code(RejectReason reason);

struct Rejection {
  RejectReason reason = RejectReason::InvalidJson;
  // Names the key and what was expected: "field `severity` of alert.received: expected int,
  // got string". Never quotes a schema field's value, which may be `@sensitive`.
  std::string message;
  // What the line said, when it could be read: the declared event type, the `at` instant,
  // the `incident` ("" when absent or unreadable).
  std::string type;
  std::optional<std::int64_t> at;
  std::string incident;
};

// A rejection with no context from the line.
Rejection make_rejection(RejectReason reason, std::string message);

}  // namespace writ::runtime
