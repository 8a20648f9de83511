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

void BlockBuilder::add(const AuditRecord& r, const RecordIds& ids, std::string_view prev_bytes,
                       std::string_view hash_bytes) {
  if (count_ == 0) {
    first_seq_ = r.seq;
    prev_hash_.assign(prev_bytes);
    body_.assign("[");
  } else {
    body_ += ',';
  }
  ++count_;
  hashes_.append(hash_bytes);
  body_ += '[';
  append_number(body_, r.seq, ',');
  append_number(body_, r.at_ms, ',');
  append_number(body_, ids.incident, ',');
  append_number(body_, ids.site, ',');
  append_json_string(body_, r.reason);
  body_ += ',';
  append_number(body_, ids.policy, ',');
  append_values_column(body_, r.values);
  body_ += ']';
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
