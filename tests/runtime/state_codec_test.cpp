// The checkpoint state's numbers (runtime/state_codec.hpp): zigzag varints, one encoding per
// number, every damaged form refused with a reason.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string>

#include "runtime/state_codec.hpp"

using writ::runtime::StateDecodeError;
using writ::runtime::StateReader;
using writ::runtime::StateWriter;

namespace {

std::string encoded(std::int64_t x) {
  StateWriter w;
  w.put_int(x);
  return w.take();
}

std::int64_t decoded(const std::string& bytes) {
  StateReader in(bytes);
  std::int64_t x = in.get_int();
  CHECK(in.done());
  return x;
}

constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

}  // namespace

TEST_CASE("state codec: numbers take as many bytes as their size needs", "[runtime][state]") {
  CHECK(encoded(0) == std::string(1, '\0'));
  CHECK(encoded(-1) == "\x01");
  CHECK(encoded(1) == "\x02");
  CHECK(encoded(63) == "\x7e");
  CHECK(encoded(-64) == "\x7f");
  CHECK(encoded(64) == "\x80\x01");
  CHECK(encoded(-65) == "\x81\x01");
  CHECK(encoded(1'793'955'600'123).size() == 6);  // a time in ms, in 2026
  CHECK(encoded(kMax).size() == 10);
  CHECK(encoded(kMin).size() == 10);
}

TEST_CASE("state codec: every number reads back as written", "[runtime][state]") {
  for (std::int64_t x : {std::int64_t{0}, std::int64_t{1}, std::int64_t{-1}, std::int64_t{63}, std::int64_t{-64},
                         std::int64_t{64}, std::int64_t{-65}, std::int64_t{1'793'955'600'123}, kMin, kMax, kMin + 1,
                         kMax - 1}) {
    CHECK(decoded(encoded(x)) == x);
  }
  for (int bit = 0; bit < 63; ++bit) {
    std::int64_t x = std::int64_t{1} << bit;
    for (std::int64_t y : {x - 1, x, x + 1, -x, -x - 1}) CHECK(decoded(encoded(y)) == y);
  }
}

TEST_CASE("state codec: texts and flags around numbers", "[runtime][state]") {
  StateWriter w;
  w.put_str("inc-7");
  w.put_flag(true);
  w.put_int(-300);
  w.put_str("");
  std::string bytes = w.take();
  CHECK(bytes.size() == 1 + 5 + 1 + 2 + 1);
  StateReader in(bytes);
  CHECK(in.get_str() == "inc-7");
  CHECK(in.get_flag());
  CHECK(in.get_int() == -300);
  CHECK(in.get_str().empty());
  CHECK(in.done());
}

TEST_CASE("state codec: a damaged number is refused", "[runtime][state]") {
  auto refusal = [](const std::string& bytes) {
    StateReader in(bytes);
    try {
      in.get_int();
    } catch (const StateDecodeError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  CHECK(refusal("") == "it ends inside a number");
  CHECK(refusal("\x80\x80") == "it ends inside a number");
  CHECK(refusal(std::string("\x80\x00", 2)) == "a number is not in its shortest form");
  CHECK(refusal(std::string(9, '\xff') + "\x02") == "a number has more than 64 bits");
  CHECK(refusal(std::string(10, '\xff') + "\x01") == "a number has more than 64 bits");
  CHECK(refusal(std::string(9, '\xff') + "\x01") == "accepted");
  std::string five = encoded(5);
  StateReader count(five);
  CHECK_THROWS_WITH(count.get_count(4, "a count of things"), "a count of things 5 is out of range");
}
