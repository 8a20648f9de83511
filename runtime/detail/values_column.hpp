#pragma once
// A record's values as the last item of its element in a block's body, which the view
// `records` shows as the column `values_json` (docs/audit.md, "The file"): a JSON array with one array per value, `[name, value]` for a plain value and
// `[name, value, digest]` for a sensitive one, `value` being the value's JSON text as a JSON
// string, or null once redacted. JSON so that an auditor reads it with the sqlite3 shell
// (json_each) or Python's json module; the hash covers the values, not this text.
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/audit_record.hpp"

namespace writ::runtime::detail {

// The most bytes write_json_string writes for a text of `size` bytes.
constexpr std::size_t json_string_bound(std::size_t size) { return 2 + 6 * size; }

// Writes `s` as a JSON string at `out`, which has room for json_string_bound(s.size())
// bytes: quotes, backslashes and control characters escaped, every other byte as it is
// (the engine's texts are UTF-8). Returns the end of what it wrote.
char* write_json_string(char* out, std::string_view s);

// The same appended to a string.
void append_json_string(std::string& out, std::string_view s);

// The most bytes write_value_element writes.
constexpr std::size_t value_element_bound(std::size_t name, std::size_t value, std::size_t digest) {
  return 4 + json_string_bound(name) + std::max(json_string_bound(value), std::size_t{4}) + json_string_bound(digest);
}

// Writes one value's element of the column at `out`, which has room for
// value_element_bound() of the texts' sizes: `[name, value]`, or `[name, value, digest]`
// when `sensitive`; a null `value` is a redacted one. Returns the end of what it wrote.
char* write_value_element(char* out, std::string_view name, const std::string_view* value, bool sensitive,
                          std::string_view digest);

// The most bytes write_values_column writes for `values`.
std::size_t values_column_bound(const std::vector<AuditValue>& values);
// Writes the column's text for `values` at `out`, which has room for
// values_column_bound(values) bytes. Returns the end of what it wrote.
char* write_values_column(char* out, const std::vector<AuditValue>& values);

// Appends the column's text for `values` to `out`.
void append_values_column(std::string& out, const std::vector<AuditValue>& values);

// Reads the column's text into `out` (replacing what it held). On text of another shape,
// returns false with `why` saying where it goes wrong.
bool parse_values_column(std::string_view text, std::vector<AuditValue>& out, std::string& why);

}  // namespace writ::runtime::detail
