#include "runtime/value_text.hpp"

#include <catch2/catch.hpp>
#include <cstring>

using namespace writ;
using compiler::SlotRef;
using compiler::ValueType;
using Kind = compiler::ValueType::Kind;

TEST_CASE("message values print as LANGUAGE.md says") {
  compiler::StringTable strings;
  std::vector<std::uint32_t> ids = {strings.intern("a"), strings.intern("b\"c")};
  std::int64_t pointer = 0;
  auto address = reinterpret_cast<std::uintptr_t>(ids.data());
  std::memcpy(&pointer, &address, sizeof address);
  std::int64_t slots[] = {5'400'000, 1'764'147'600'000, strings.intern("INC-1"), 2, pointer, 2, 1};
  CHECK(runtime::message_value(SlotRef{0, {Kind::Duration, {}}}, slots, strings) == "1h30m");
  CHECK(runtime::message_value(SlotRef{1, {Kind::Time, {}}}, slots, strings) == "2025-11-26T09:00:00Z");
  CHECK(runtime::message_value(SlotRef{2, {Kind::String, {}}}, slots, strings) == "INC-1");
  CHECK(runtime::message_value(SlotRef{3, {Kind::Enum, {"P1", "P2", "P3"}}}, slots, strings) == "P3");
  CHECK(runtime::message_value(SlotRef{4, {Kind::Set, {}}}, slots, strings) == R"({"a", "b\"c"})");
  CHECK(runtime::json_value(SlotRef{4, {Kind::Set, {}}}, slots, strings) == R"(["a","b\"c"])");
  CHECK(runtime::json_value(SlotRef{6, {Kind::Bool, {}}}, slots, strings) == "true");
  CHECK(runtime::json_value(SlotRef{0, {Kind::Duration, {}}}, slots, strings) == R"("1h30m")");
}

TEST_CASE("messages interpolate their holes") {
  compiler::StringTable strings;
  std::int64_t slots[] = {strings.intern("INC-7"), 0};
  compiler::MessagePlan m;
  m.parts.emplace_back(std::string("incident "));
  m.parts.emplace_back(SlotRef{0, {Kind::String, {}}});
  m.parts.emplace_back(std::string(" at tier "));
  m.parts.emplace_back(SlotRef{1, {Kind::Enum, {"P1"}}});
  CHECK(runtime::render_message(m, slots, strings) == "incident INC-7 at tier P1");
}
