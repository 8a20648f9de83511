// libFuzzer target: any bytes given to the event decoder, line by line, must end in a
// decoded event or a rejection with a reason, and a rejected line must intern no string.
// The schema covers every field type, optional and not, and a global event type.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <variant>

#include "compiler/layout_builder.hpp"
#include "compiler/string_table.hpp"
#include "lang/checker.hpp"
#include "lang/diagnostic.hpp"
#include "lang/module_loader.hpp"
#include "runtime/event_decoder.hpp"

using namespace writ;

namespace {

constexpr const char* kPolicy = R"(
enum Tier { P1, P2, P3, P4 }
event alert.received { service: string, severity: int, source: string }
event typed.fields {
  b: bool, i: int, s: string, d: duration, t: time, tags: set<string>, tier: Tier,
  ob: bool?, oi: int?, os: string?, od: duration?, ot: time?, otags: set<string>?, otier: Tier?
}
event change.requested global { change: string, emergency: bool }
)";

struct Decoder {
  lang::SourceManager sources;
  lang::Diagnostics diags;
  lang::Program program;
  compiler::ProgramLayouts layouts;
  compiler::StringTable strings;
  std::unique_ptr<runtime::EventDecoder> decoder;

  Decoder() {
    program = lang::load_program_text("/nonexistent/fuzz.writ", kPolicy, sources, diags);
    if (diags.has_errors() || !lang::check_program(program, diags)) std::abort();
    layouts = compiler::build_layouts(program);
    decoder = std::make_unique<runtime::EventDecoder>(layouts, strings, runtime::DecoderOptions{.max_line_bytes = 4096});
  }

  void decode(std::string_view line) {
    std::size_t before = strings.size();
    runtime::DecodeResult result = decoder->decode(line);
    if (const auto* r = std::get_if<runtime::Rejection>(&result)) {
      if (r->message.empty() || strings.size() != before) std::abort();
    }
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Decoder decoder;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  decoder.decode(input);
  for (std::size_t start = 0; start <= input.size();) {
    std::size_t end = input.find('\n', start);
    if (end == std::string_view::npos) end = input.size();
    decoder.decode(input.substr(start, end - start));
    start = end + 1;
  }
  return 0;
}
