#include "runtime/detail/block_builder.hpp"

#include <charconv>

#include "runtime/detail/values_column.hpp"

namespace writ::runtime::detail {

namespace {

// The number and the character after it, through to_chars: fmt's parsing of a format
// string was 8 % of the writing thread (bench/RESULTS.md, "Trail format 4").
char* write_number(char* out, std::int64_t n, char after) {
  out = std::to_chars(out, out + kNumberBound, n).ptr;
  *out++ = after;
  return out;
}

}  // namespace

// The element is written through a pointer into room sized for it beforehand: appending
// to a string a piece at a time, each with its capacity check, was nearly half of building
// a block (bench/RESULTS.md, "A record written once").
char* BlockBuilder::open_element(std::size_t values_bound, std::int64_t seq, std::int64_t at_ms,
                                 const RecordIds& ids, std::string_view reason, std::string_view prev_bytes,
                                 std::string_view hash_bytes) {
  if (count_ == 0) {
    first_seq_ = seq;
    prev_hash_.assign(prev_bytes);
    body_.clear();
  }
  ++count_;
  hashes_.append(hash_bytes);
  constexpr std::size_t kNumbers = 5;
  char* p = body_.room(2 + kNumbers * (kNumberBound + 1) + json_string_bound(reason.size()) + 1 + values_bound + 1);
  *p++ = count_ == 1 ? '[' : ',';
  *p++ = '[';
  p = write_number(p, seq, ',');
  p = write_number(p, at_ms, ',');
  p = write_number(p, ids.incident, ',');
  p = write_number(p, ids.site, ',');
  p = write_json_string(p, reason);
  *p++ = ',';
  return write_number(p, ids.policy, ',');
}

void BlockBuilder::add(const AuditRecord& r, const RecordIds& ids, std::string_view prev_bytes,
                       std::string_view hash_bytes) {
  char* p = open_element(values_column_bound(r.values), r.seq, r.at_ms, ids, r.reason, prev_bytes, hash_bytes);
  p = write_values_column(p, r.values);
  *p++ = ']';
  body_.written_to(p);
}

// Every text of the values is in the image or among its secrets, so their sizes bound the
// values' without a walk to measure them.
void BlockBuilder::add(std::string_view image, const ImageFields& r, const RecordIds& ids,
                       std::string_view prev_bytes, std::string_view hash_bytes) {
  auto count = static_cast<std::size_t>(r.value_count);
  std::size_t bound = 2 + count * (1 + value_element_bound(0, 0, 0)) + 6 * (image.size() + r.secrets.size());
  char* p = open_element(bound, r.seq, r.at_ms, ids, r.reason, prev_bytes, hash_bytes);
  *p++ = '[';
  ImageValues values(r);
  ImageValue v;
  for (bool first = true; values.next(v); first = false) {
    if (!first) *p++ = ',';
    p = write_value_element(p, v.name, &v.value, v.sensitive, v.digest);
  }
  *p++ = ']';
  *p++ = ']';
  body_.written_to(p);
}

std::string_view BlockBuilder::finish_body() {
  body_.append("]");
  return body_.view();
}

void BlockBuilder::clear() {
  count_ = 0;
  hashes_.clear();
  body_.clear();
}

}  // namespace writ::runtime::detail
