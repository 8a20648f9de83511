#pragma once
// The run-time functions compiled policies call, with C linkage so the JIT can bind them by
// address (jit_session.cpp registers each one explicitly; builtin_symbols() lists them).
// The built-ins of the language (lower, starts_with) are defined only here and both engines
// call them; the set helpers are what generated code calls for set operators, which the
// interpreter implements on its own so the two engines check each other.
#include <cstdint>
#include <string_view>
#include <vector>

#include "compiler/eval_context.hpp"

namespace writ::stdlib {
class BusinessCalendar;
}

extern "C" {

// lower(s): ASCII letters A-Z become a-z; every other byte is kept (docs/semantics.md).
std::uint32_t writ_lower(writ::compiler::StringTable* strings, std::uint32_t id);
// starts_with(s, prefix), bytewise.
bool writ_starts_with(const writ::compiler::StringTable* strings, std::uint32_t s, std::uint32_t prefix);

// Sets are sorted id arrays without repeats.
bool writ_set_contains(const std::uint32_t* data, std::int64_t len, std::uint32_t id);
bool writ_set_contains_all(const std::uint32_t* a, std::int64_t a_len, const std::uint32_t* b, std::int64_t b_len);
bool writ_set_contains_any(const std::uint32_t* a, std::int64_t a_len, const std::uint32_t* b, std::int64_t b_len);
bool writ_set_equal(const std::uint32_t* a, std::int64_t a_len, const std::uint32_t* b, std::int64_t b_len);
// Builds a set from `count` ids (any order, repeats allowed) in the context's arena.
void writ_set_build(writ::compiler::SetArena* arena, const std::uint32_t* ids, std::int64_t count,
                    writ::compiler::SetRef* out);

// business_elapsed(from, to, calendar): the open time of `calendars[index]` in [from, to)
// (BusinessCalendar::elapsed). `calendars` is the policy's table of `count` calendars; an
// index outside it, or a null entry, gives 0 rather than a crash.
std::int64_t writ_business_elapsed(const writ::stdlib::BusinessCalendar* const* calendars, std::int64_t count,
                                   std::int64_t index, std::int64_t from, std::int64_t to);
}

namespace writ::stdlib {

struct BuiltinSymbol {
  std::string_view name;
  void* address;
};

// Every function above, by name: what the JIT may bind and nothing else.
const std::vector<BuiltinSymbol>& builtin_symbols();

}  // namespace writ::stdlib
