#include "runtime/decision_image.hpp"

#include "lang/json_writer.hpp"
#include "runtime/detail/encoding_writer.hpp"
#include "runtime/hash_chain.hpp"
#include "runtime/record_values.hpp"

namespace writ::runtime {

using detail::EncodingWriter;

namespace {

// A digest's hex text: the size of a sensitive value in the encoding.
constexpr std::size_t kDigestSize = 64;

std::size_t texts_size(const Decision& d, std::string_view policy_hash) {
  std::size_t size = 0;
  for (std::string_view text : {std::string_view(d.incident), d.kind, d.construct, d.name, d.where, d.outcome,
                                record_target(d), record_reason(d), policy_hash}) {
    size += EncodingWriter::str_size(text);
  }
  return size;
}

}  // namespace

// Quotes the texts that become values on the way: the writing pass takes them from quoted_
// in the same order.
std::size_t DecisionImageWriter::encoded_size(const Decision& d) {
  std::size_t size = EncodingWriter::str_size(kRecordEncodingTag) + 3 * EncodingWriter::kIntSize;
  size += texts_size(d, policy_hash_);
  std::size_t quoted = 0;
  for_each_record_value(d, [&](std::string_view prefix, std::string_view name, std::string_view text, bool quote,
                               bool sensitive) {
    if (quote) {
      std::string& q = quoted_[quoted++];
      q.clear();
      lang::append_json_quoted(q, text);
      text = q;
    }
    size += 2 * EncodingWriter::kIntSize + prefix.size() + name.size() + 1 + (sensitive ? kDigestSize : text.size());
  });
  return size;
}

void DecisionImageWriter::add(RecordImages& out, const Decision& d, std::int64_t seq) {
  EncodingWriter w(out.add(encoded_size(d)));
  w.put_str(kRecordEncodingTag);
  w.put_int(seq);
  w.put_int(d.at);
  for (std::string_view text : {std::string_view(d.incident), d.kind, d.construct, d.name, d.where, d.outcome,
                                record_target(d), record_reason(d), std::string_view(policy_hash_)}) {
    w.put_str(text);
  }
  char* count_at = w.at();
  w.put_int(0);
  std::int64_t count = 0;
  std::size_t quoted = 0;
  for_each_record_value(d, [&](std::string_view prefix, std::string_view name, std::string_view text, bool quote,
                               bool sensitive) {
    ++count;
    if (quote) text = quoted_[quoted++];
    w.put_str(prefix, name);
    w.put_byte(static_cast<char>(sensitive ? 1 : 0));
    if (!sensitive) return w.put_str(text);
    name_.assign(prefix).append(name);
    w.put_str(value_digest(salt_, name_, text));
    out.add_secret(text);
  });
  EncodingWriter(count_at).put_int(count);
}

}  // namespace writ::runtime
