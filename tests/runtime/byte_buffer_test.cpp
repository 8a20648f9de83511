// A block's body written through a pointer: what was written stays as the buffer grows.
#include "runtime/detail/byte_buffer.hpp"

#include <catch2/catch.hpp>

#include <string>

using writ::runtime::detail::ByteBuffer;

TEST_CASE("byte buffer: bytes written through room() and append() stay as it grows", "[runtime][audit]") {
  ByteBuffer buffer;
  std::string expected;
  for (int i = 0; i < 500; ++i) {
    std::string piece = std::to_string(i) + ",";
    // More room than is written, as a block's element asks for its worst case.
    char* at = buffer.room(piece.size() * 6 + 100);
    piece.copy(at, piece.size());
    buffer.written_to(at + piece.size());
    buffer.append("|");
    expected += piece + "|";
  }
  CHECK(buffer.view() == expected);
  buffer.clear();
  CHECK(buffer.view().empty());
  buffer.append("again");
  CHECK(buffer.view() == "again");
}
