#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "lang/diagnostic.hpp"
#include "lang/json_writer.hpp"

using namespace writ::lang;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("a diagnostic renders as file:line:col, the line and a caret", "[lang]") {
  SourceManager sources;
  const SourceFile& file = sources.add("p.writ", "policy p\nrule r on a.b when state.tir == P1 { close }\n");
  Diagnostics diags;
  auto begin = static_cast<std::uint32_t>(file.text().find("state.tir"));
  auto& d = diags.error(Code::UnknownField, Span{file.id(), begin, begin + 9}, "`tir` is not a field of state");
  d.help = "did you mean `tier`?";
  d.notes.push_back({Span{file.id(), 0, 6}, true, "declared in this policy"});
  CHECK(render_text(diags, sources) ==
        "p.writ:2:20: error[E0303]: `tir` is not a field of state\n"
        "  |\n"
        "2 | rule r on a.b when state.tir == P1 { close }\n"
        "  |                    ^^^^^^^^^\n"
        "p.writ:1:1: note: declared in this policy\n"
        "  |\n"
        "1 | policy p\n"
        "  | ^^^^^^\n"
        "  = help: did you mean `tier`?\n");
}

TEST_CASE("a caret for an empty span or a span past the line end stays on the line", "[lang]") {
  SourceManager sources;
  const SourceFile& file = sources.add("p.writ", "abc\ndef");
  Diagnostics diags;
  diags.error(Code::SyntaxError, Span{file.id(), 7, 7}, "unexpected end of file");
  diags.error(Code::SyntaxError, Span{file.id(), 1, 6}, "spans two lines");
  std::string text = render_text(diags, sources);
  CHECK(text.find("p.writ:2:4: error[E0100]") != std::string::npos);
  CHECK(text.find("2 | def\n  |    ^\n") != std::string::npos);
  CHECK(text.find("1 | abc\n  |  ^^\n") != std::string::npos);
}

TEST_CASE("errors past the cap are counted, not kept", "[lang]") {
  SourceManager sources;
  const SourceFile& file = sources.add("p.writ", "x");
  Diagnostics diags(DiagnosticOptions{2});
  for (int i = 0; i < 5; ++i) diags.error(Code::SyntaxError, Span{file.id(), 0, 1}, "bad");
  diags.warning(Code::StaleReview, Span{file.id(), 0, 1}, "old");
  CHECK(diags.all().size() == 3);
  CHECK(diags.error_count() == 5);
  CHECK(diags.dropped() == 3);
  CHECK(render_text(diags, sources).find("3 more error(s) not shown") != std::string::npos);
}

TEST_CASE("diagnostics sort by file and position", "[lang]") {
  Diagnostics diags;
  diags.error(Code::SyntaxError, Span{1, 5, 6}, "c");
  diags.error(Code::SyntaxError, Span{0, 9, 9}, "b");
  diags.error(Code::SyntaxError, Span{0, 2, 3}, "a");
  diags.sort();
  CHECK(diags.all()[0].message == "a");
  CHECK(diags.all()[1].message == "b");
  CHECK(diags.all()[2].message == "c");
}

TEST_CASE("JSON diagnostics carry code, position and notes", "[lang]") {
  SourceManager sources;
  const SourceFile& file = sources.add("dir/p.writ", "line one\nline \"two\"\n");
  Diagnostics diags;
  auto& d = diags.warning(Code::StaleReview, Span{file.id(), 14, 19}, "reviewed \"long\" ago");
  d.notes.push_back({{}, false, "no place"});
  CHECK(render_json(diags, sources) ==
        R"({"diagnostics":[{"severity":"warning","code":"W0509","message":"reviewed \"long\" ago",)"
        R"("file":"dir/p.writ","line":2,"column":6,"end_line":2,"end_column":11,"offset":14,"length":5,)"
        R"("notes":[{"message":"no place"}]}],"errors":0,"warnings":1})"
        "\n");
}

TEST_CASE("JSON strings escape control characters and replace invalid UTF-8", "[lang]") {
  CHECK(json_quote("a\"b\\\n\x01") == R"("a\"b\\\n\u0001")");
  CHECK(json_quote("caf\xc3\xa9") == "\"caf\xc3\xa9\"");
  CHECK(json_quote("\xff") == R"("\ufffd")");
  CHECK(json_quote("\xc3") == R"("\ufffd")");
}

TEST_CASE("every diagnostic code is documented in docs/diagnostics.md", "[lang]") {
  std::string docs = read_file(std::string(WRIT_SOURCE_DIR) + "/docs/diagnostics.md");
  REQUIRE_FALSE(docs.empty());
#define WRIT_X(name, code, summary) CHECK(docs.find("| " code " | " #name " |") != std::string::npos);
  WRIT_DIAGNOSTIC_CODES(WRIT_X)
#undef WRIT_X
}
