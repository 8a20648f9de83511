#include "stdlib/builtins.hpp"

#include <algorithm>
#include <string>

#include "compiler/set_arena.hpp"
#include "compiler/string_table.hpp"
#include "stdlib/business_calendar.hpp"

using writ::compiler::SetArena;
using writ::compiler::SetRef;
using writ::compiler::StringTable;

extern "C" {

std::uint32_t writ_lower(StringTable* strings, std::uint32_t id) {
  std::string text = strings->text(id);
  // ASCII only: locale-dependent or Unicode case mapping would make a policy's meaning
  // depend on the host, and could change a string's length.
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return strings->intern(text);
}

bool writ_starts_with(const StringTable* strings, std::uint32_t s, std::uint32_t prefix) {
  return std::string_view(strings->text(s)).starts_with(strings->text(prefix));
}

bool writ_set_contains(const std::uint32_t* data, std::int64_t len, std::uint32_t id) {
  return std::binary_search(data, data + len, id);
}

bool writ_set_contains_all(const std::uint32_t* a, std::int64_t a_len, const std::uint32_t* b, std::int64_t b_len) {
  return std::includes(a, a + a_len, b, b + b_len);
}

bool writ_set_contains_any(const std::uint32_t* a, std::int64_t a_len, const std::uint32_t* b, std::int64_t b_len) {
  std::int64_t i = 0, j = 0;
  while (i < a_len && j < b_len) {
    if (a[i] == b[j]) return true;
    if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return false;
}

bool writ_set_equal(const std::uint32_t* a, std::int64_t a_len, const std::uint32_t* b, std::int64_t b_len) {
  return a_len == b_len && std::equal(a, a + a_len, b);
}

void writ_set_build(SetArena* arena, const std::uint32_t* ids, std::int64_t count, SetRef* out) {
  *out = arena->build(ids, static_cast<std::size_t>(count));
}

std::int64_t writ_business_elapsed(const writ::stdlib::BusinessCalendar* const* calendars, std::int64_t count,
                                   std::int64_t index, std::int64_t from, std::int64_t to) {
  if (calendars == nullptr || index < 0 || index >= count || calendars[index] == nullptr) return 0;
  return calendars[index]->elapsed(from, to);
}
}

namespace writ::stdlib {

const std::vector<BuiltinSymbol>& builtin_symbols() {
  static const std::vector<BuiltinSymbol> symbols = {
      {"writ_lower", reinterpret_cast<void*>(&writ_lower)},
      {"writ_starts_with", reinterpret_cast<void*>(&writ_starts_with)},
      {"writ_set_contains", reinterpret_cast<void*>(&writ_set_contains)},
      {"writ_set_contains_all", reinterpret_cast<void*>(&writ_set_contains_all)},
      {"writ_set_contains_any", reinterpret_cast<void*>(&writ_set_contains_any)},
      {"writ_set_equal", reinterpret_cast<void*>(&writ_set_equal)},
      {"writ_set_build", reinterpret_cast<void*>(&writ_set_build)},
      {"writ_business_elapsed", reinterpret_cast<void*>(&writ_business_elapsed)},
  };
  return symbols;
}

}  // namespace writ::stdlib
