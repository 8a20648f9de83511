#include <catch2/catch.hpp>

#include "lang/literal_reader.hpp"

using namespace writ::lang;

TEST_CASE("unescape replaces the known escapes and lists the others", "[lang]") {
  UnescapedText ok = unescape(R"(a\"b\\c\nd\te\{f)");
  CHECK(ok.value == "a\"b\\c\nd\te{f");
  CHECK(ok.bad_escapes.empty());
  UnescapedText bad = unescape(R"(x\qy\)");
  CHECK(bad.value == "x\\qy\\");
  CHECK(bad.bad_escapes == std::vector<std::size_t>{1, 4});
}

TEST_CASE("split_message finds holes, nested braces and escaped braces", "[lang]") {
  MessageSplit split = split_message(R"(a {x} \{y} {len({})}!)");
  REQUIRE(split.segments.size() == 5);
  CHECK_FALSE(split.segments[0].hole);
  CHECK(split.segments[1].hole);
  CHECK(split.segments[1].begin == 3);
  CHECK(split.segments[1].end == 4);
  CHECK_FALSE(split.segments[2].hole);  // " \{y} "
  CHECK(split.segments[3].hole);
  CHECK(split.segments[3].end - split.segments[3].begin == 7);  // len({})
  CHECK_FALSE(split.unclosed_hole);
  MessageSplit open = split_message("a {b");
  REQUIRE(open.unclosed_hole);
  CHECK(*open.unclosed_hole == 2);
  CHECK(split_message("").segments.empty());
}

TEST_CASE("parse_int takes underscores between digits only", "[lang]") {
  CHECK(parse_int("1_000") == 1000);
  CHECK(parse_int("9223372036854775807") == INT64_MAX);
  CHECK_FALSE(parse_int("9223372036854775808"));
  CHECK_FALSE(parse_int("1_"));
  CHECK_FALSE(parse_int("1__0"));
  CHECK_FALSE(parse_int(""));
}

TEST_CASE("utf8_length accepts valid sequences only", "[lang]") {
  CHECK(utf8_length("a", 0) == 1);
  CHECK(utf8_length("\xc3\xa9", 0) == 2);
  CHECK(utf8_length("\xe2\x82\xac", 0) == 3);
  CHECK(utf8_length("\xf0\x9f\x98\x80", 0) == 4);
  CHECK(utf8_length("\xff", 0) == 0);
  CHECK(utf8_length("\xc0\xaf", 0) == 0);      // overlong
  CHECK(utf8_length("\xed\xa0\x80", 0) == 0);  // surrogate
  CHECK(utf8_length("\xc3", 0) == 0);          // truncated
}
