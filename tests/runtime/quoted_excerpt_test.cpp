#include "runtime/quoted_excerpt.hpp"

#include <catch2/catch.hpp>

#include <string>

using writ::runtime::kExcerptBytes;
using writ::runtime::quoted_excerpt;

TEST_CASE("excerpts are JSON strings", "[runtime][excerpt]") {
  CHECK(quoted_excerpt("") == "\"\"");
  CHECK(quoted_excerpt("alert.received") == "\"alert.received\"");
  CHECK(quoted_excerpt("a\"b\\c") == R"("a\"b\\c")");
  CHECK(quoted_excerpt(std::string("\n\t\x01\x7f\0", 5)) == R"("\u000a\u0009\u0001\u007f\u0000")");
  CHECK(quoted_excerpt("é✓") == "\"é✓\"");
}

TEST_CASE("long excerpts are cut on a character boundary", "[runtime][excerpt]") {
  std::string exact(kExcerptBytes, 'x');
  CHECK(quoted_excerpt(exact) == "\"" + exact + "\"");
  CHECK(quoted_excerpt(exact + "y") == "\"" + exact + "\"…");
  // A two-byte character straddling the limit is left out whole.
  std::string straddle = std::string(kExcerptBytes - 1, 'x') + "é";
  CHECK(quoted_excerpt(straddle) == "\"" + std::string(kExcerptBytes - 1, 'x') + "\"…");
  std::string four = std::string(kExcerptBytes - 2, 'x') + "😀";
  CHECK(quoted_excerpt(four) == "\"" + std::string(kExcerptBytes - 2, 'x') + "\"…");
}
