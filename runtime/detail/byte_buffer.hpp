#pragma once
// A growing run of bytes written through a pointer: room for some bytes at the end, without
// writing them first (std::string's resize fills every byte it adds), then the end they
// reached. A block's body is written so, a record's element at a time.
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>

namespace writ::runtime::detail {

class ByteBuffer {
 public:
  // Where to write up to `n` more bytes; valid until the next room().
  char* room(std::size_t n) {
    if (capacity_ - size_ < n) grow(size_ + n);
    return data_.get() + size_;
  }
  // The bytes up to `end`, a pointer into the last room(), are written.
  void written_to(const char* end) { size_ = static_cast<std::size_t>(end - data_.get()); }

  void append(std::string_view s) {
    char* at = room(s.size());
    if (!s.empty()) std::memcpy(at, s.data(), s.size());
    size_ += s.size();
  }
  void reserve(std::size_t n) {
    if (capacity_ < n) grow(n);
  }
  void clear() { size_ = 0; }
  std::string_view view() const { return {data_.get(), size_}; }
  std::size_t capacity() const { return capacity_; }

 private:
  void grow(std::size_t needed) {
    std::size_t capacity = std::max(needed, capacity_ * 2);
    std::unique_ptr<char[]> data(new char[capacity]);
    if (size_ > 0) std::memcpy(data.get(), data_.get(), size_);
    data_ = std::move(data);
    capacity_ = capacity;
  }

  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

}  // namespace writ::runtime::detail
