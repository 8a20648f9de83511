#include "runtime/detail/block_builder.hpp"

#include <fmt/format.h>

#include "runtime/detail/values_column.hpp"

namespace writ::runtime::detail {

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
  fmt::format_to(std::back_inserter(body_), "[{},{},{},{},", r.seq, r.at_ms, ids.incident, ids.site);
  append_json_string(body_, r.reason);
  fmt::format_to(std::back_inserter(body_), ",{},", ids.policy);
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
