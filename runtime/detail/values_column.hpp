#pragma once
// A record's values as the last item of its element in a block's body, which the view
// `records` shows as the column `values_json` (docs/audit.md, "The file"): a JSON array with one array per value, `[name, value]` for a plain value and
// `[name, value, digest]` for a sensitive one, `value` being the value's JSON text as a JSON
// string, or null once redacted. JSON so that an auditor reads it with the sqlite3 shell
// (json_each) or Python's json module; the hash covers the values, not this text.
#include <string>
#include <string_view>
#include <vector>

#include "runtime/audit_record.hpp"

namespace writ::runtime::detail {

// Appends `s` as a JSON string: quotes, backslashes and control characters escaped, every
// other byte as it is (the engine's texts are UTF-8).
void append_json_string(std::string& out, std::string_view s);

// Appends one value's element of the column: `[name, value]`, or `[name, value, digest]`
// when `sensitive`; a null `value` is a redacted one.
void append_value_element(std::string& out, std::string_view name, const std::string_view* value, bool sensitive,
                          std::string_view digest);

// Appends the column's text for `values` to `out`.
void append_values_column(std::string& out, const std::vector<AuditValue>& values);

// Reads the column's text into `out` (replacing what it held). On text of another shape,
// returns false with `why` saying where it goes wrong.
bool parse_values_column(std::string_view text, std::vector<AuditValue>& out, std::string& why);

}  // namespace writ::runtime::detail
