#include <catch2/catch.hpp>

#include "compiler/set_arena.hpp"
#include "compiler/string_table.hpp"
#include "stdlib/builtins.hpp"
#include "stdlib/business_calendar.hpp"

using namespace writ::compiler;

TEST_CASE("lower maps ASCII letters only and interns the result", "[compiler][builtins]") {
  StringTable strings;
  StringId mixed = strings.intern("DB-Prod_ÄÖ");
  StringId lowered = writ_lower(&strings, mixed);
  CHECK(strings.text(lowered) == "db-prod_ÄÖ");
  CHECK(writ_lower(&strings, lowered) == lowered);
  CHECK(writ_lower(&strings, 0) == 0);
}

TEST_CASE("starts_with compares bytes", "[compiler][builtins]") {
  StringTable strings;
  StringId s = strings.intern("payments-eu");
  CHECK(writ_starts_with(&strings, s, strings.intern("pay")));
  CHECK(writ_starts_with(&strings, s, 0));
  CHECK_FALSE(writ_starts_with(&strings, s, strings.intern("Pay")));
  CHECK_FALSE(writ_starts_with(&strings, strings.intern("pa"), strings.intern("pay")));
}

TEST_CASE("set helpers work on sorted id arrays, empty ones included", "[compiler][builtins]") {
  std::uint32_t a[] = {1, 4, 7};
  std::uint32_t b[] = {4, 7};
  std::uint32_t c[] = {2, 3};
  CHECK(writ_set_contains(a, 3, 7));
  CHECK_FALSE(writ_set_contains(a, 3, 5));
  CHECK_FALSE(writ_set_contains(nullptr, 0, 5));
  CHECK(writ_set_contains_all(a, 3, b, 2));
  CHECK_FALSE(writ_set_contains_all(b, 2, a, 3));
  CHECK(writ_set_contains_all(a, 3, nullptr, 0));
  CHECK(writ_set_contains_any(a, 3, b, 2));
  CHECK_FALSE(writ_set_contains_any(a, 3, c, 2));
  CHECK_FALSE(writ_set_contains_any(a, 3, nullptr, 0));
  CHECK(writ_set_equal(b, 2, a + 1, 2));
  CHECK_FALSE(writ_set_equal(a, 3, b, 2));
  CHECK(writ_set_equal(nullptr, 0, nullptr, 0));
}

TEST_CASE("built sets are sorted without repeats", "[compiler][builtins]") {
  SetArena arena;
  std::uint32_t ids[] = {9, 2, 9, 0};
  SetRef out{};
  writ_set_build(&arena, ids, 4, &out);
  REQUIRE(out.len == 3);
  CHECK(std::vector<std::uint32_t>(out.data, out.data + 3) == std::vector<std::uint32_t>{0, 2, 9});
}

TEST_CASE("business_elapsed reads the policy's calendar table, guarding its index", "[compiler][builtins]") {
  using writ::stdlib::BusinessCalendar;
  writ::stdlib::CalendarSpec spec;
  spec.zone = "Europe/Brussels";
  for (std::size_t day = 0; day < 5; ++day) spec.open[day] = {{8 * 60, 18 * 60}};
  auto office = std::get<BusinessCalendar>(BusinessCalendar::create(spec));
  spec.zone = "UTC";
  for (auto& day : spec.open) day = {{0, 24 * 60}};
  auto always = std::get<BusinessCalendar>(BusinessCalendar::create(spec));
  const BusinessCalendar* table[] = {&office, &always, nullptr};
  // Sat 2026-11-28 00:00Z to Mon 2026-11-30 12:00Z: Monday 08:00 to 13:00 in Brussels.
  std::int64_t from = 1'795'824'000'000;
  std::int64_t to = from + 60 * 3'600'000LL;
  CHECK(writ_business_elapsed(table, 3, 0, from, to) == 5 * 3'600'000LL);
  CHECK(writ_business_elapsed(table, 3, 1, from, to) == to - from);
  CHECK(writ_business_elapsed(table, 3, 2, from, to) == 0);
  CHECK(writ_business_elapsed(table, 3, 3, from, to) == 0);
  CHECK(writ_business_elapsed(table, 3, -1, from, to) == 0);
  CHECK(writ_business_elapsed(nullptr, 0, 0, from, to) == 0);
}

TEST_CASE("every built-in is listed for the JIT once", "[compiler][builtins]") {
  const auto& symbols = writ::stdlib::builtin_symbols();
  CHECK(symbols.size() == 8);
  for (std::size_t i = 0; i < symbols.size(); ++i) {
    CHECK(symbols[i].address != nullptr);
    for (std::size_t j = 0; j < i; ++j) CHECK(symbols[i].name != symbols[j].name);
  }
}
