#include <catch2/catch.hpp>

#include "compiler/layout_builder.hpp"
#include "tests/support/checked_program.hpp"

using namespace writ;
using namespace writ::compiler;

TEST_CASE("event layouts put presence words first, reserved fields, then the schema", "[compiler][layout]") {
  auto run = test::check_text(R"(
enum Tier { Gold, Silver }
event alert.received { service: string, tier: Tier, tags: set<string>, expires: time?, count: int }
state { major: bool = false }
global { budget: duration = 0s }
)");
  INFO(run->rendered());
  REQUIRE(run->ok);
  ProgramLayouts layouts = build_layouts(run->program);
  const RecordLayout* alert = layouts.event("alert.received");
  REQUIRE(alert);
  // One presence word (id, expires), six reserved words, then service, tier, tags (two
  // words), expires, count.
  CHECK(alert->find("incident")->word == 1);
  CHECK(alert->find("id")->presence_bit == 0);
  CHECK(alert->find(kActorRoleField)->word == 6);
  CHECK(alert->find("service")->word == 7);
  CHECK(alert->find("tier")->word == 8);
  CHECK(alert->find("tags")->word == 9);
  CHECK(alert->find("expires")->word == 11);
  CHECK(alert->find("expires")->presence_bit == 1);
  CHECK(alert->find("count")->word == 12);
  CHECK(alert->word_count() == 13);
  CHECK(layouts.state.find("opened_at")->word == 0);
  CHECK(layouts.state.find("major")->word == 1);
  CHECK(layouts.global.find("budget")->word == 0);
  CHECK(layouts.event("nope") == nullptr);
}

TEST_CASE("layouts name enum values and global event types for the runtime", "[compiler][layout]") {
  auto run = test::check_text(R"(
enum Tier { Gold, Silver }
event alert.received { tier: Tier?, count: int }
event change.requested global { change: string }
)");
  INFO(run->rendered());
  REQUIRE(run->ok);
  ProgramLayouts layouts = build_layouts(run->program);
  const FieldSlot* tier = layouts.event("alert.received")->find("tier");
  CHECK(tier->enum_name == "Tier");
  CHECK(tier->enum_values == std::vector<std::string>{"Gold", "Silver"});
  CHECK(layouts.event("alert.received")->find("count")->enum_values.empty());
  CHECK(layouts.is_global("change.requested"));
  CHECK_FALSE(layouts.is_global("alert.received"));
  CHECK_FALSE(layouts.is_global("nope"));
}

TEST_CASE("records hold scalars, canonical sets and presence bits", "[compiler][layout]") {
  RecordLayout layout;
  layout.add("n", lang::Type::of(lang::Type::Kind::Int));
  lang::Type opt_set = lang::Type::of(lang::Type::Kind::SetOfString);
  opt_set.optional = true;
  layout.add("tags", opt_set);
  layout.finish();
  const FieldSlot& n = *layout.find("n");
  const FieldSlot& tags = *layout.find("tags");

  Record record(layout);
  CHECK_FALSE(record.present(tags));
  record.set_scalar(n, INT64_MIN);
  record.set_set(tags, {5, 2, 5, 9});
  CHECK(record.present(tags));
  CHECK(record.words()[n.word] == INT64_MIN);
  auto* data = reinterpret_cast<const std::uint32_t*>(static_cast<std::uintptr_t>(record.words()[tags.word]));
  REQUIRE(record.words()[tags.word + 1] == 3);
  CHECK(std::vector<std::uint32_t>(data, data + 3) == std::vector<std::uint32_t>{2, 5, 9});

  Record moved = std::move(record);
  CHECK(moved.words()[tags.word + 1] == 3);
  moved.set_absent(tags);
  CHECK_FALSE(moved.present(tags));
  CHECK(moved.words()[tags.word + 1] == 0);
}

TEST_CASE("more than 64 optional fields take a second presence word", "[compiler][layout]") {
  RecordLayout layout;
  lang::Type opt = lang::Type::of(lang::Type::Kind::Int);
  opt.optional = true;
  for (int i = 0; i < 70; ++i) layout.add("f" + std::to_string(i), opt);
  layout.finish();
  CHECK(layout.find("f0")->word == 2);
  CHECK(layout.find("f69")->presence_bit == 69);
  Record record(layout);
  record.set_scalar(*layout.find("f69"), 1);
  CHECK(record.present(*layout.find("f69")));
  CHECK_FALSE(record.present(*layout.find("f5")));
  CHECK(record.words()[1] == 1 << 5);
}

TEST_CASE("a record can live in storage its owner provides, and be copied into such storage", "[compiler][layout]") {
  RecordLayout layout;
  layout.add("n", lang::Type::of(lang::Type::Kind::Int));
  layout.add("tags", lang::Type::of(lang::Type::Kind::SetOfString));
  layout.finish();
  const FieldSlot& n = *layout.find("n");
  const FieldSlot& tags = *layout.find("tags");

  std::vector<std::int64_t> storage(layout.word_count(), -1);
  Record over(layout, storage.data());
  CHECK(over.words() == storage.data());
  CHECK(storage == std::vector<std::int64_t>(layout.word_count(), 0));
  over.set_scalar(n, 7);
  over.set_set(tags, {3, 1});
  CHECK(storage[n.word] == 7);

  std::vector<std::int64_t> room(layout.word_count());
  Record copy = over.clone(layout, room.data());
  CHECK(copy.words() == room.data());
  CHECK(room[n.word] == 7);
  // The copy's set is its own: the original's may go.
  CHECK(room[tags.word] != storage[tags.word]);
  over.set_set(tags, {9});
  auto* data = reinterpret_cast<const std::uint32_t*>(static_cast<std::uintptr_t>(room[tags.word]));
  REQUIRE(room[tags.word + 1] == 2);
  CHECK(std::vector<std::uint32_t>(data, data + 2) == std::vector<std::uint32_t>{1, 3});
  // Moving keeps the words where they are.
  Record moved = std::move(copy);
  CHECK(moved.words() == room.data());
}
