#include "runtime/state_codec.hpp"

#include <fmt/format.h>

#include "runtime/detail/encoding_writer.hpp"

namespace writ::runtime {

// Appended whole: a checkpoint's state is mostly numbers, and a byte at a time was a call
// into the string each (4 % of a replay with the trail at 100,000 open incidents).
void StateWriter::put_int(std::int64_t x) {
  char bytes[detail::EncodingWriter::kIntSize];
  detail::EncodingWriter(bytes).put_int(x);
  out_.append(bytes, sizeof bytes);
}

void StateWriter::put_str(std::string_view s) {
  put_int(static_cast<std::int64_t>(s.size()));
  out_.append(s);
}

std::string_view StateReader::take(std::size_t n, const char* what) {
  if (in_.size() - pos_ < n) throw StateDecodeError(fmt::format("it ends inside {}", what));
  std::string_view out = in_.substr(pos_, n);
  pos_ += n;
  return out;
}

std::int64_t StateReader::get_int() { return detail::read_int(take(8, "a number").data()); }

std::string StateReader::get_str() {
  std::size_t n = get_count(in_.size() - pos_, "a text's length");
  return std::string(take(n, "a text"));
}

bool StateReader::get_flag() {
  char c = take(1, "a flag")[0];
  if (c != 0 && c != 1) throw StateDecodeError("a flag is neither 0 nor 1");
  return c == 1;
}

std::size_t StateReader::get_count(std::size_t limit, const char* what) {
  std::int64_t n = get_int();
  if (n < 0 || static_cast<std::uint64_t>(n) > limit) throw StateDecodeError(fmt::format("{} {} is out of range", what, n));
  return static_cast<std::size_t>(n);
}

std::size_t StateReader::get_items(std::size_t item_bytes, const char* what) {
  return get_count((in_.size() - pos_) / (item_bytes ? item_bytes : 1), what);
}

}  // namespace writ::runtime
