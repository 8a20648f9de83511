#include "runtime/decision.hpp"

#include <charconv>
#include <cstring>

#include "lang/json_writer.hpp"
#include "lang/literals.hpp"
#include "runtime/detail/byte_buffer.hpp"

namespace writ::runtime {

namespace {

// A decision's line written through a pointer into room sized for it beforehand: the line
// is a dozen short texts, and a std::string append costs a call and a capacity check each,
// its resize a fill besides.
class LineWriter {
 public:
  explicit LineWriter(char* at) : p_(at) {}
  template <std::size_t N>
  void raw(const char (&text)[N]) {
    std::memcpy(p_, text, N - 1);
    p_ += N - 1;
  }
  void raw(std::string_view text) {
    if (!text.empty()) std::memcpy(p_, text.data(), text.size());
    p_ += text.size();
  }
  void quoted(std::string_view text) { p_ = lang::write_json_quoted(p_, text); }
  void integer(std::int64_t n) { p_ = std::to_chars(p_, p_ + kIntDigits, n).ptr; }
  // `,"key":"value"` (`prefix` is `,"key":`), left out when the value is empty.
  template <std::size_t N>
  void field(const char (&prefix)[N], std::string_view value) {
    if (value.empty()) return;
    raw(prefix);
    quoted(value);
  }
  char* end() const { return p_; }

  static constexpr std::size_t kIntDigits = 20;

 private:
  char* p_;
};

// Every key, brace and comma of a line, with room for the seq: more than they take.
constexpr std::size_t kLineFrame = 192 + LineWriter::kIntDigits;

std::size_t line_bound(const Decision& d, std::size_t fixed) {
  std::size_t bound = fixed;
  for (std::string_view text : {std::string_view(d.kind), std::string_view(d.incident), d.construct, d.name, d.where,
                                d.outcome, std::string_view(d.target), std::string_view(d.reason),
                                std::string_view(d.message)}) {
    bound += lang::json_quoted_bound(text.size());
  }
  for (const DecisionValue& v : d.values) bound += lang::json_quoted_bound(v.name.size()) + 2 + v.json.size();
  return bound;
}

void write_source(LineWriter& w, const Decision& d) {
  if (d.construct.empty()) return;
  w.raw(",\"source\":{\"construct\":");
  w.quoted(d.construct);
  w.raw(",\"name\":");
  w.quoted(d.name);
  w.field(",\"at\":", d.where);
  w.raw("}");
}

void write_values(LineWriter& w, const std::vector<DecisionValue>& values) {
  if (values.empty()) return;
  w.raw(",\"values\":{");
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) w.raw(",");
    w.quoted(values[i].name);
    w.raw(":");
    w.raw(values[i].json);
  }
  w.raw("}");
}

// `,"policy":"…"}`, the same for every decision of a run: quoted once and kept, one per
// thread. Scanning the 64 digits for characters to escape was a third of the quoting's work.
std::string_view policy_text(std::string_view policy_hash) {
  thread_local std::string hash, text;
  if (text.empty() || policy_hash != hash) {
    hash = policy_hash;
    text.clear();
    if (!policy_hash.empty()) text.append(",\"policy\":").append(lang::json_quote(policy_hash));
    text += '}';
  }
  return text;
}

}  // namespace

void append_json(std::string& out, const Decision& d, std::string_view policy_hash) {
  std::string_view time = lang::time_text(d.at), policy = policy_text(policy_hash);
  thread_local detail::ByteBuffer line;
  line.clear();
  LineWriter w(line.room(line_bound(d, kLineFrame + time.size() + policy.size())));
  w.raw("{\"seq\":");
  w.integer(d.seq);
  w.raw(",\"at\":\"");
  w.raw(time);  // a time needs no escaping
  w.raw("\"");
  w.field(",\"kind\":", d.kind);
  w.field(",\"incident\":", d.incident);
  write_source(w, d);
  w.field(",\"outcome\":", d.outcome);
  w.field(",\"target\":", d.target);
  w.field(",\"reason\":", d.reason);
  w.field(",\"message\":", d.message);
  write_values(w, d.values);
  w.raw(policy);
  line.written_to(w.end());
  out += line.view();
}

std::string to_json(const Decision& d, const std::string& policy_hash) {
  std::string out;
  append_json(out, d, policy_hash);
  return out;
}

}  // namespace writ::runtime
