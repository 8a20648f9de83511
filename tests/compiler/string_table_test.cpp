#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "compiler/string_table.hpp"

using writ::compiler::StringId;
using writ::compiler::StringTable;

TEST_CASE("interning gives equal strings one id and the empty string id 0", "[compiler][strings]") {
  StringTable table;
  CHECK(table.intern("") == 0);
  StringId a = table.intern("db");
  StringId b = table.intern("web");
  CHECK(a != b);
  CHECK(table.intern(std::string("d") + "b") == a);
  CHECK(table.text(b) == "web");
  StringId found = 99;
  CHECK(table.find("web", found));
  CHECK(found == b);
  CHECK_FALSE(table.find("api", found));
  CHECK(table.size() == 3);
}

TEST_CASE("ids follow the order of first interning, so they are deterministic", "[compiler][strings]") {
  StringTable one, two;
  for (const char* s : {"p1", "p2", "p1", "p3"}) {
    one.intern(s);
    two.intern(s);
  }
  CHECK(one.intern("p3") == two.intern("p3"));
  CHECK(one.intern("p3") == 3);
}

TEST_CASE("texts stay valid as the table grows", "[compiler][strings]") {
  StringTable table;
  StringId first = table.intern("first");
  const std::string* text = &table.text(first);
  for (int i = 0; i < 10000; ++i) table.intern("s" + std::to_string(i));
  CHECK(&table.text(first) == text);
  CHECK(table.intern("first") == first);
}

// The table probes a hash array that doubles as it fills: across many growths every text
// keeps its id, is found by find(), and a copy (what each engine starts from) agrees.
TEST_CASE("every text keeps its id across growth, in the table and in a copy", "[compiler][strings]") {
  StringTable table;
  std::vector<std::string> texts;
  for (int i = 0; i < 100000; ++i) texts.push_back("INC-" + std::to_string(i * 7919 % 100003));
  std::vector<StringId> ids;
  for (const std::string& t : texts) ids.push_back(table.intern(t));
  StringTable copy(table);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    StringId found = 0;
    REQUIRE(table.find(texts[i], found));
    REQUIRE(found == ids[i]);
    REQUIRE(table.text(ids[i]) == texts[i]);
    REQUIRE(copy.intern(texts[i]) == ids[i]);
  }
  StringId none = 0;
  CHECK_FALSE(table.find("INC-100003", none));
  CHECK(copy.size() == table.size());
  CHECK(copy.intern("new in the copy") == table.size());
  CHECK_FALSE(table.find("new in the copy", none));
}

// Short texts are compared in their slot, longer ones through their hash and the stored
// text: texts that share a prefix either side of the slot's size stay apart.
TEST_CASE("texts either side of the size kept in a slot are told apart", "[compiler][strings]") {
  StringTable table;
  std::vector<std::string> texts;
  for (std::size_t n = 0; n <= 24; ++n) {
    texts.push_back(std::string(n, 'x'));
    texts.push_back(std::string(n, 'x') + std::string("\0y", 2));
    texts.push_back("INC-" + std::string(n, '7'));
  }
  texts.push_back(std::string("a\0b", 3));
  texts.push_back(std::string("a\0c", 3));
  std::vector<StringId> ids;
  for (const std::string& t : texts) ids.push_back(table.intern(t));
  for (std::size_t i = 0; i < texts.size(); ++i) {
    StringId found = 0;
    REQUIRE(table.find(texts[i], found));
    CHECK(found == ids[i]);
    CHECK(table.text(ids[i]) == texts[i]);
  }
  CHECK(table.size() == texts.size());  // every text is new but the first, the empty string
}
