#pragma once
// simdjson on demand checks only what is read. These read a value to its end, whatever it
// holds, so a line is known to be valid JSON before any other reason is given for
// rejecting it: the values of unknown keys, of ill-typed fields, and whole non-object
// documents all pass through here. Valid means RFC 8259: a number is checked by its
// grammar, so an integer too long for 64 bits is valid JSON (and out of range for an int).
#include <simdjson.h>

#include <string_view>

#include "runtime/rejection.hpp"

namespace writ::runtime {

// Reads `value` (at `depth` containers below the document) and everything in it. SUCCESS
// when it is valid JSON; DEPTH_ERROR when it nests past kMaxJsonDepth.
simdjson::error_code check_value(simdjson::ondemand::value value, int depth);
// The same for a document that is not an object, `line` being its text; TRAILING_CONTENT
// when more follows its value.
simdjson::error_code check_document(simdjson::ondemand::document& doc, std::string_view line);
// TRAILING_CONTENT when something follows the document's value, which has been read.
simdjson::error_code check_end(simdjson::ondemand::document& doc);
// Reads a value that type() called null: `nul` or `nullx` is not JSON (N_ATOM_ERROR).
simdjson::error_code read_null(simdjson::ondemand::value& value);
// Reads a value that type() called a bool: `tru` is not JSON (T_ATOM_ERROR).
simdjson::error_code read_bool(simdjson::ondemand::value& value, bool& out);

// A number token by the RFC 8259 grammar, trailing whitespace allowed: `-0`, `1.5e-3`.
bool is_json_number(std::string_view token);
// A number token without fraction or exponent, however many digits.
bool is_json_integer(std::string_view token);
// Only JSON whitespace (space, tab, CR, LF), or nothing.
bool is_blank(std::string_view text);
// simdjson reports `{...} x` as an unclosed object (INCOMPLETE_ARRAY_OR_OBJECT): it sees
// that the last token is not `}`. This tells the two apart, for `text` that failed so:
// TRAILING_CONTENT when its first object or array closes before the end.
simdjson::error_code refine_incomplete(simdjson::error_code error, std::string_view text);

// "array", "object", "number", "string", "bool", "null".
const char* json_kind(simdjson::ondemand::json_type type);
// The rejection for a simdjson error: InvalidUtf8, TooDeep, else InvalidJson saying what
// kind of mistake it found.
Rejection json_rejection(simdjson::error_code error);

}  // namespace writ::runtime
