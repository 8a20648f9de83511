#pragma once
// The fields of a record image (record_images.hpp) as views into its bytes, for the
// writing thread: it stores the record from them instead of from an AuditRecord.
#include <cstdint>
#include <string_view>

namespace writ::runtime::detail {

struct ImageFields {
  std::int64_t seq = 0;
  std::int64_t at_ms = 0;
  std::string_view incident;
  // kind, construct, name, span, outcome and target, each as str(): adjacent in the
  // encoding, and the key of the record's site in the trail's `sites` (NameTable).
  std::string_view site;
  std::string_view reason;
  std::string_view policy_hash;
  std::int64_t value_count = 0;
  std::string_view values;   // the values' encodings, after their count
  std::string_view secrets;  // the values of the sensitive ones, each as str()
};

// Reads `image`, checking that every length stays inside it and that `secrets` (the side
// data still unread) holds a value for each sensitive value; takes those from `secrets`.
// False on bytes of another shape.
bool read_image(std::string_view image, std::string_view& secrets, ImageFields& out);

struct ImageValue {
  std::string_view name;
  bool sensitive = false;
  std::string_view value;   // the value's JSON text
  std::string_view digest;  // a sensitive value's; empty for the others
};

// The values of an image read_image accepted, in order.
class ImageValues {
 public:
  explicit ImageValues(const ImageFields& fields) : values_(fields.values), secrets_(fields.secrets) {}
  // The next value into `out`; false after the last.
  bool next(ImageValue& out);

 private:
  std::string_view values_;
  std::string_view secrets_;
};

}  // namespace writ::runtime::detail
