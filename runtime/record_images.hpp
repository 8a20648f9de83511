#pragma once
// Records as their canonical encodings (docs/audit.md, "The canonical encoding"), back to
// back in one buffer: what the engine's thread hands the writing thread. Each record is
// written once, where its content is, and the writing thread hashes and stores it from
// these bytes without reading a field twice or copying its texts again.
//
// A sensitive value's image holds its digest, as the encoding does; the value itself, which
// the trail stores too, is kept aside (secrets()): one str(value) per sensitive value, in
// the order the images hold them.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/audit_record.hpp"
#include "runtime/detail/byte_buffer.hpp"

namespace writ::runtime {

class RecordImages {
 public:
  // Room for one more image of `size` bytes, to be written at the pointer returned (valid
  // until the next add).
  char* add(std::size_t size);
  // The image of `record`, whose seq and digests are set (a sealed record, or a copy).
  void add(const AuditRecord& record);
  // The value of the next sensitive value added.
  void add_secret(std::string_view value);

  std::size_t size() const { return ends_.size(); }
  bool empty() const { return ends_.empty(); }
  std::string_view image(std::size_t i) const {
    std::size_t begin = i == 0 ? 0 : ends_[i - 1];
    return bytes_.view().substr(begin, ends_[i] - begin);
  }
  std::string_view secrets() const { return secrets_; }
  // The memory the buffers hold, used or not.
  std::size_t footprint() const {
    return bytes_.capacity() + ends_.capacity() * sizeof(std::size_t) + secrets_.capacity();
  }
  // Room for `records` images of `bytes` in all without growing.
  void reserve(std::size_t bytes, std::size_t records) {
    bytes_.reserve(bytes);
    ends_.reserve(records);
  }
  std::size_t bytes() const { return bytes_.view().size(); }
  // Empties the buffers, keeping their capacity for the next records.
  void clear();

 private:
  // Not a std::string: its resize zeroed every image's bytes before they were written.
  detail::ByteBuffer bytes_;
  std::vector<std::size_t> ends_;  // where each image ends in bytes_
  std::string secrets_;
};

}  // namespace writ::runtime
