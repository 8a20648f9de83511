#include "runtime/record_images.hpp"

#include "runtime/detail/encoding_writer.hpp"
#include "runtime/hash_chain.hpp"

namespace writ::runtime {

using detail::EncodingWriter;

char* RecordImages::add(std::size_t size) {
  char* at = bytes_.room(size);
  bytes_.written_to(at + size);
  ends_.push_back(bytes_.view().size());
  return at;
}

void RecordImages::add(const AuditRecord& record) {
  std::string encoding;
  append_encoding(encoding, record);
  bytes_.append(encoding);
  ends_.push_back(bytes_.view().size());
  for (const AuditValue& v : record.values) {
    if (v.sensitive) add_secret(v.value ? std::string_view(*v.value) : std::string_view());
  }
}

void RecordImages::add_secret(std::string_view value) {
  std::size_t start = secrets_.size();
  secrets_.resize(start + EncodingWriter::str_size(value));
  EncodingWriter(secrets_.data() + start).put_str(value);
}

void RecordImages::clear() {
  bytes_.clear();
  ends_.clear();
  secrets_.clear();
}

}  // namespace writ::runtime
