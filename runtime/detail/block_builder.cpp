#include "runtime/detail/block_builder.hpp"

#include <charconv>

#include "runtime/detail/values_column.hpp"

namespace writ::runtime::detail {

namespace {

// The number and the character after it, through to_chars: fmt's parsing of a format
// string was 8 % of the writing thread (bench/RESULTS.md, "Trail format 4").
void append_number(std::string& out, std::int64_t n, char after) {
  char digits[24];
  char* end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  *end++ = after;
  out.append(digits, end);
}

}  // namespace

void BlockBuilder::open_element(std::int64_t seq, std::int64_t at_ms, const RecordIds& ids, std::string_view reason,
                                std::string_view prev_bytes, std::string_view hash_bytes) {
  if (count_ == 0) {
    first_seq_ = seq;
    prev_hash_.assign(prev_bytes);
    body_.assign("[");
  } else {
    body_ += ',';
  }
  ++count_;
  hashes_.append(hash_bytes);
  body_ += '[';
  append_number(body_, seq, ',');
  append_number(body_, at_ms, ',');
  append_number(body_, ids.incident, ',');
  append_number(body_, ids.site, ',');
  append_json_string(body_, reason);
  body_ += ',';
  append_number(body_, ids.policy, ',');
}

void BlockBuilder::add(const AuditRecord& r, const RecordIds& ids, std::string_view prev_bytes,
                       std::string_view hash_bytes) {
  open_element(r.seq, r.at_ms, ids, r.reason, prev_bytes, hash_bytes);
  append_values_column(body_, r.values);
  body_ += ']';
}

void BlockBuilder::add(const ImageFields& r, const RecordIds& ids, std::string_view prev_bytes,
                       std::string_view hash_bytes) {
  open_element(r.seq, r.at_ms, ids, r.reason, prev_bytes, hash_bytes);
  body_ += '[';
  ImageValues values(r);
  ImageValue v;
  for (bool first = true; values.next(v); first = false) {
    if (!first) body_ += ',';
    append_value_element(body_, v.name, &v.value, v.sensitive, v.digest);
  }
  body_ += "]]";
}

std::string_view BlockBuilder::finish_body() {
  body_ += ']';
  return body_;
}

void BlockBuilder::clear() {
  count_ = 0;
  hashes_.clear();
  body_.clear();
}

}  // namespace writ::runtime::detail
