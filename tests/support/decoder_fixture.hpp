#pragma once
// Test helper for the event decoder: a checked policy's layouts, a string table and a
// decoder over them, plus readers for a decoded record's fields by name.
#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "compiler/layout_builder.hpp"
#include "compiler/string_table.hpp"
#include "runtime/event_decoder.hpp"
#include "tests/support/checked_program.hpp"

namespace writ::test {

struct DecoderFixture {
  std::unique_ptr<CheckedProgram> checked;
  compiler::ProgramLayouts layouts;
  compiler::StringTable strings;
  std::unique_ptr<runtime::EventDecoder> decoder;

  runtime::DecodeResult decode(const std::string& line) { return decoder->decode(line); }

  runtime::DecodedEvent accept(const std::string& line) {
    runtime::DecodeResult result = decoder->decode(line);
    if (auto* r = std::get_if<runtime::Rejection>(&result)) FAIL_CHECK(line << "\n  rejected: " << r->message);
    REQUIRE(std::holds_alternative<runtime::DecodedEvent>(result));
    return std::get<runtime::DecodedEvent>(std::move(result));
  }

  runtime::Rejection reject(const std::string& line) {
    runtime::DecodeResult result = decoder->decode(line);
    INFO(line);
    REQUIRE(std::holds_alternative<runtime::Rejection>(result));
    return std::get<runtime::Rejection>(std::move(result));
  }
};

inline std::unique_ptr<DecoderFixture> decoder_for(const std::string& policy, runtime::DecoderOptions options = {}) {
  auto f = std::make_unique<DecoderFixture>();
  f->checked = check_text(policy);
  INFO(f->checked->rendered());
  REQUIRE(f->checked->ok);
  REQUIRE(f->checked->parse_errors == 0);
  f->layouts = compiler::build_layouts(f->checked->program);
  f->decoder = std::make_unique<runtime::EventDecoder>(f->layouts, f->strings, options);
  return f;
}

inline const compiler::FieldSlot& slot(const runtime::DecodedEvent& e, const std::string& field) {
  const compiler::FieldSlot* s = e.layout->find(field);
  REQUIRE(s);
  return *s;
}

inline std::int64_t word(const runtime::DecodedEvent& e, const std::string& field) {
  return e.record.words()[slot(e, field).word];
}

inline bool present(const runtime::DecodedEvent& e, const std::string& field) {
  return e.record.present(slot(e, field));
}

inline std::string text(const DecoderFixture& f, const runtime::DecodedEvent& e, const std::string& field) {
  return f.strings.text(static_cast<compiler::StringId>(word(e, field)));
}

// A set field's elements as texts, in stored (id) order.
inline std::vector<std::string> set_texts(const DecoderFixture& f, const runtime::DecodedEvent& e,
                                          const std::string& field) {
  const compiler::FieldSlot& s = slot(e, field);
  auto* ids = reinterpret_cast<const compiler::StringId*>(static_cast<std::uintptr_t>(e.record.words()[s.word]));
  auto count = static_cast<std::size_t>(e.record.words()[s.word + 1]);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count; ++i) out.push_back(f.strings.text(ids[i]));
  return out;
}

inline std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace writ::test
