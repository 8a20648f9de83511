#include "runtime/detail/image_reader.hpp"

#include "runtime/detail/encoding_writer.hpp"
#include "runtime/hash_chain.hpp"

namespace writ::runtime::detail {

namespace {

constexpr std::size_t kIntSize = EncodingWriter::kIntSize;

// A cursor over bytes whose every read is checked against their end.
class Cursor {
 public:
  explicit Cursor(std::string_view bytes) : bytes_(bytes) {}

  bool int_(std::int64_t& out) {
    if (bytes_.size() - at_ < kIntSize) return false;
    out = read_int(bytes_.data() + at_);
    at_ += kIntSize;
    return true;
  }

  bool str(std::string_view& out) {
    std::int64_t size = 0;
    if (!int_(size) || size < 0 || static_cast<std::uint64_t>(size) > bytes_.size() - at_) return false;
    out = bytes_.substr(at_, static_cast<std::size_t>(size));
    at_ += static_cast<std::size_t>(size);
    return true;
  }

  bool byte(char& out) {
    if (at_ == bytes_.size()) return false;
    out = bytes_[at_++];
    return true;
  }

  std::size_t at() const { return at_; }
  std::string_view from(std::size_t begin) const { return bytes_.substr(begin, at_ - begin); }
  std::string_view rest() const { return bytes_.substr(at_); }
  bool done() const { return at_ == bytes_.size(); }

 private:
  std::string_view bytes_;
  std::size_t at_ = 0;
};

bool read_site(Cursor& c, ImageFields& out) {
  std::size_t begin = c.at();
  std::string_view text;
  for (int i = 0; i < 6; ++i) {
    if (!c.str(text)) return false;
  }
  out.site = c.from(begin);
  return true;
}

// Checks the values and takes a secret for each sensitive one.
bool read_values(Cursor& c, std::string_view& secrets, ImageFields& out) {
  if (!c.int_(out.value_count) || out.value_count < 0) return false;
  out.values = c.rest();
  Cursor kept(secrets);
  std::string_view text;
  for (std::int64_t i = 0; i < out.value_count; ++i) {
    char flag = 0;
    if (!c.str(text) || !c.byte(flag) || (flag != 0 && flag != 1) || !c.str(text)) return false;
    if (flag == 1 && !kept.str(text)) return false;
  }
  out.secrets = kept.from(0);
  secrets = kept.rest();
  return c.done();
}

}  // namespace

bool read_image(std::string_view image, std::string_view& secrets, ImageFields& out) {
  Cursor c(image);
  std::string_view tag;
  return c.str(tag) && tag == kRecordEncodingTag && c.int_(out.seq) && c.int_(out.at_ms) && c.str(out.incident) &&
         read_site(c, out) && c.str(out.reason) && c.str(out.policy_hash) && read_values(c, secrets, out);
}

bool ImageValues::next(ImageValue& out) {
  if (values_.empty()) return false;
  Cursor c(values_);
  char flag = 0;
  std::string_view encoded;
  c.str(out.name);
  c.byte(flag);
  c.str(encoded);
  values_ = c.rest();
  out.sensitive = flag == 1;
  if (!out.sensitive) {
    out.value = encoded;
    out.digest = {};
    return true;
  }
  out.digest = encoded;
  Cursor s(secrets_);
  s.str(out.value);
  secrets_ = s.rest();
  return true;
}

}  // namespace writ::runtime::detail
