// The values column of a record (docs/audit.md, "The file"): what the store writes reads
// back byte for byte, whatever the texts hold, and text of any other shape is refused.
#include "runtime/detail/values_column.hpp"

#include <catch2/catch.hpp>

using namespace writ::runtime;
using writ::runtime::detail::append_values_column;
using writ::runtime::detail::parse_values_column;

namespace {

std::string column(const std::vector<AuditValue>& values) {
  std::string out;
  append_values_column(out, values);
  return out;
}

std::vector<AuditValue> parsed(const std::string& text) {
  std::vector<AuditValue> out;
  std::string why;
  INFO(text);
  REQUIRE(parse_values_column(text, out, why));
  return out;
}

std::string refusal(const std::string& text) {
  std::vector<AuditValue> out;
  std::string why;
  CHECK_FALSE(parse_values_column(text, out, why));
  return why;
}

}  // namespace

TEST_CASE("values column: plain, sensitive and redacted values as JSON arrays", "[runtime][audit]") {
  std::vector<AuditValue> values = {{"read:event.severity", std::string("1"), false, ""},
                                    {"reporter", std::string("\"ann@example.com\""), true, "ab12"},
                                    {"requester", std::nullopt, true, "cd34"}};
  std::string text = column(values);
  CHECK(text == R"([["read:event.severity","1"],["reporter","\"ann@example.com\"","ab12"],["requester",null,"cd34"]])");
  std::vector<AuditValue> back = parsed(text);
  REQUIRE(back.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(back[i].name == values[i].name);
    CHECK(back[i].value == values[i].value);
    CHECK(back[i].sensitive == values[i].sensitive);
    CHECK(back[i].digest == values[i].digest);
  }
  CHECK(column({}) == "[]");
  CHECK(parsed("[]").empty());
}

TEST_CASE("values column: every byte of a text reads back as it was", "[runtime][audit]") {
  std::string all;
  for (int c = 1; c < 256; ++c) all += static_cast<char>(c);
  all += std::string("\0end", 4);
  std::vector<AuditValue> values = {{all, all, true, all}};
  std::vector<AuditValue> back = parsed(column(values));
  REQUIRE(back.size() == 1);
  CHECK(back[0].name == all);
  CHECK(back[0].value == all);
  CHECK(back[0].digest == all);
}

TEST_CASE("values column: JSON written by other tools reads the same", "[runtime][audit]") {
  // The sqlite3 shell's json functions and Python's json.dumps escape differently.
  std::vector<AuditValue> back = parsed(" [ [ \"a\\u00e9\\/\\b\\f\\n\\r\\t\" , \"\\ud83d\\ude00\" ] ] ");
  REQUIRE(back.size() == 1);
  CHECK(back[0].name == "a\xc3\xa9/\b\f\n\r\t");
  CHECK(back[0].value == "\xf0\x9f\x98\x80");
  CHECK_FALSE(back[0].sensitive);
}

TEST_CASE("values column: text of another shape is refused with a reason", "[runtime][audit]") {
  CHECK(refusal("") == "`[` expected at the end");
  CHECK(refusal("{}") == "`[` expected at byte 1");
  CHECK(refusal("[[\"a\",\"1\"]") == "`]` expected at the end");
  CHECK(refusal("[[\"a\",1]]") == "`\"` expected at byte 7");
  CHECK(refusal("[[\"a\"]]") == "`,` expected at byte 6");
  CHECK(refusal("[[\"a\",\"1\",\"d\",\"e\"]]") == "`]` expected at byte 14");
  CHECK(refusal("[[\"a\",\"1\",null]]") == "`\"` expected at byte 11");
  CHECK(refusal("[] x") == "text after the array");
  CHECK(refusal("[[\"a\nb\",\"1\"]]") == "a control character inside a string");
  CHECK(refusal("[[\"a\\x\",\"1\"]]") == "an unknown escape");
  CHECK(refusal("[[\"a\\u12\",\"1\"]]") == "a bad \\u escape");
  CHECK(refusal("[[\"\\ud83d\",\"1\"]]") == "a lone high surrogate");
  CHECK(refusal("[[\"\\ude00\",\"1\"]]") == "a lone low surrogate");
  CHECK(refusal("[[\"abc") == "a string that does not end");
}

namespace {

// The escaping of docs/audit.md, a byte at a time: what the word-at-a-time scan must equal.
std::string escaped_bytewise(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      constexpr char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

}  // namespace

TEST_CASE("values column: a JSON string escapes each byte that needs it, wherever it stands in a word",
          "[runtime][audit]") {
  const std::string specials = std::string("\"\\\x01\x1f\x7f\x80\xff ~", 9) + '\0';
  for (std::size_t size = 0; size <= 19; ++size) {
    for (std::size_t at = 0; at < size; ++at) {
      for (char special : specials) {
        std::string text(size, 'a');
        text[at] = special;
        if (size > 3) text[size - 1 - at % 3] = '"';
        std::string out;
        writ::runtime::detail::append_json_string(out, text);
        INFO("size " << size << ", byte " << static_cast<int>(static_cast<unsigned char>(special)) << " at " << at);
        CHECK(out == escaped_bytewise(text));
      }
    }
  }
}
