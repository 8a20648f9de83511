#pragma once
// The byte encoding of an engine snapshot (docs/audit.md, "The checkpoint's state"): the
// audit records' building blocks, with numbers as varints rather than 8 bytes each, since
// most of a state's numbers are small and every commit writes the state of every incident
// its batch changed. One state has one encoding. Reading is checked: a short or
// inconsistent input is a StateDecodeError naming what was wrong, never a crash or an
// oversized allocation.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace writ::runtime {

struct StateDecodeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class StateWriter {
 public:
  // Zigzag, then 7 bits a byte, low bits first: 1 to 10 bytes. The one-byte case inline: a
  // state's flags, kinds, steps and most ids, a call each when out of line.
  void put_int(std::int64_t x) {
    std::uint64_t u = (static_cast<std::uint64_t>(x) << 1) ^ static_cast<std::uint64_t>(x >> 63);
    if (u < 0x80) {
      out_ += static_cast<char>(u);
    } else {
      put_long(u);
    }
  }
  void put_str(std::string_view s);  // its length, then its bytes
  void put_flag(bool b) { out_ += static_cast<char>(b ? 1 : 0); }
  std::string take() { return std::move(out_); }
  // For a writer reused: what it holds, and a new start keeping the buffer.
  std::string_view view() const { return out_; }
  void clear() { out_.clear(); }

 private:
  void put_long(std::uint64_t zigzagged);

  std::string out_;
};

class StateReader {
 public:
  explicit StateReader(std::string_view in) : in_(in) {}
  std::int64_t get_int();
  std::string get_str();
  bool get_flag();
  // An int in [0, limit], for a count or an index; `what` names it in the error.
  std::size_t get_count(std::size_t limit, const char* what);
  // A count of items that each take at least `item_bytes` bytes: never more than the rest
  // of the input could hold.
  std::size_t get_items(std::size_t item_bytes, const char* what);
  bool done() const { return pos_ == in_.size(); }
  std::size_t remaining() const { return in_.size() - pos_; }

 private:
  std::string_view take(std::size_t n, const char* what);

  std::string_view in_;
  std::size_t pos_ = 0;
};

}  // namespace writ::runtime
