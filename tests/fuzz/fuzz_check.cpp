// libFuzzer target: any byte sequence given to `writ check` must end in diagnostics or
// success. Runs the whole front end: parse, load imports, check, and (for input that parses)
// the formatter and its round-trip property.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "lang/ast_dump.hpp"
#include "lang/checker.hpp"
#include "lang/diagnostic.hpp"
#include "lang/formatter.hpp"
#include "lang/module_loader.hpp"
#include "lang/parser.hpp"

using namespace writ::lang;

namespace {

// fmt must give text that parses to the same tree, and formatting it again changes nothing.
void check_format_round_trip(const Module& module, const SourceFile& file) {
  std::string once = format_module(module, file);
  SourceManager sources;
  Diagnostics diags;
  const SourceFile& formatted = sources.add("formatted.writ", once);
  auto reparsed = parse_module(formatted, diags);
  if (!reparsed || diags.has_errors() || dump_module(*reparsed) != dump_module(module)) std::abort();
  if (format_module(*reparsed, formatted) != once) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  SourceManager sources;
  Diagnostics diags;
  Program program = load_program_text("/nonexistent/fuzz.writ", text, sources, diags);
  if (!diags.has_errors()) {
    check_program(program, diags);
    if (!program.modules.empty()) check_format_round_trip(*program.modules.front(), sources.file(0));
  }
  render_text(diags, sources);
  render_json(diags, sources);
  return 0;
}
