// The reorder window: events held up to D behind the newest `at`, released in (at, arrival)
// order, refused when further behind, flushed at the end.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "lang/literals.hpp"
#include "runtime/reorder_buffer.hpp"
#include "tests/support/decoder_fixture.hpp"

namespace {

using namespace writ;

const char* kPolicy = "policy p\nevent ping { n: int }\n";

struct Feed {
  std::unique_ptr<test::DecoderFixture> f = test::decoder_for(kPolicy);
  runtime::ReorderBuffer buffer{*lang::parse_duration("5m")};
  std::vector<std::string> released;  // "at n"

  std::optional<std::string> push(const char* at, int n) {
    auto reason = buffer.push(f->accept(fmt::format(R"({{"type":"ping","at":"{}","incident":"I","n":{}}})", at, n)));
    while (auto e = buffer.pop_ready()) record(*e);
    return reason;
  }
  void finish() {
    while (auto e = buffer.pop_any()) record(*e);
  }
  void record(const runtime::DecodedEvent& e) {
    released.push_back(lang::format_time(e.at) + " " + std::to_string(test::word(e, "n")));
  }
};

}  // namespace

TEST_CASE("reorder buffer: events are held until the window has passed them, then sorted") {
  Feed feed;
  CHECK_FALSE(feed.push("2026-11-26T09:00:00Z", 1));
  CHECK_FALSE(feed.push("2026-11-26T09:03:00Z", 2));
  CHECK_FALSE(feed.push("2026-11-26T09:01:00Z", 3));  // late, within the window
  CHECK(feed.released.empty());
  CHECK_FALSE(feed.push("2026-11-26T09:06:00Z", 4));  // 09:00 and 09:01 are now 5m behind
  CHECK(feed.released == std::vector<std::string>{"2026-11-26T09:00:00Z 1", "2026-11-26T09:01:00Z 3"});
  feed.finish();
  CHECK(feed.released.size() == 4);
  CHECK(feed.released[2] == "2026-11-26T09:03:00Z 2");
  CHECK(feed.released[3] == "2026-11-26T09:06:00Z 4");
  CHECK(feed.buffer.size() == 0);
}

TEST_CASE("reorder buffer: equal times keep their input order") {
  Feed feed;
  feed.push("2026-11-26T09:00:00Z", 1);
  feed.push("2026-11-26T09:00:00Z", 2);
  feed.push("2026-11-26T08:59:00Z", 3);
  feed.push("2026-11-26T09:00:00Z", 4);
  feed.finish();
  CHECK(feed.released == std::vector<std::string>{"2026-11-26T08:59:00Z 3", "2026-11-26T09:00:00Z 1",
                                                  "2026-11-26T09:00:00Z 2", "2026-11-26T09:00:00Z 4"});
}

TEST_CASE("reorder buffer: an event more than the window behind the newest is refused, one exactly at it is not") {
  Feed feed;
  feed.push("2026-11-26T09:10:00Z", 1);
  auto reason = feed.push("2026-11-26T09:04:59Z", 2);
  REQUIRE(reason);
  CHECK(*reason ==
        "`at` 2026-11-26T09:04:59Z is more than the reorder window (5m) behind the newest event "
        "(2026-11-26T09:10:00Z)");
  CHECK_FALSE(feed.push("2026-11-26T09:05:00Z", 3));
  feed.finish();
  CHECK(feed.released == std::vector<std::string>{"2026-11-26T09:05:00Z 3", "2026-11-26T09:10:00Z 1"});
}

TEST_CASE("reorder buffer: a window of zero releases at once and refuses anything older") {
  Feed feed;
  feed.buffer = runtime::ReorderBuffer(0);
  feed.push("2026-11-26T09:00:00Z", 1);
  CHECK(feed.released.size() == 1);
  CHECK(feed.push("2026-11-26T08:59:59Z", 2));
  CHECK_FALSE(feed.push("2026-11-26T09:00:00Z", 3));
  CHECK(feed.released.size() == 2);
}
