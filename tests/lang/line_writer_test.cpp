#include <catch2/catch.hpp>

#include "lang/line_writer.hpp"

using namespace writ::lang;

namespace {

// The comments of `text` as the parser records them: each `//` to the end of its line.
std::vector<Comment> comments_of(const std::string& text) {
  std::vector<Comment> out;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] == '\n') line_start = i + 1;
    if (text.compare(i, 2, "//") != 0) continue;
    std::size_t end = std::min(text.find('\n', i), text.size());
    bool trailing = text.find_first_not_of(" \t", line_start) < i;
    out.push_back({text.substr(i, end - i), {0, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(end)}, trailing});
    i = end;
    line_start = end + 1;
  }
  return out;
}

struct Fixture {
  explicit Fixture(std::string text) : file(0, "t.writ", std::move(text)), comments(comments_of(file.text())) {}
  // Offset of the first occurrence of `needle` in the source.
  std::uint32_t at(const std::string& needle) const {
    auto pos = file.text().find(needle);
    REQUIRE(pos != std::string::npos);
    return static_cast<std::uint32_t>(pos);
  }
  SourceFile file;
  std::vector<Comment> comments;
};

}  // namespace

TEST_CASE("comments go back beside the code they followed", "[lang][fmt]") {
  Fixture f("// head\nalpha // one\n// two\n\n\n// three\nbeta\n// tail\n");
  LineWriter w(f.file, f.comments);
  w.item(f.at("alpha"), "alpha");
  w.item(f.at("beta"), "beta");
  CHECK(w.finish() == "// head\nalpha // one\n// two\n\n// three\nbeta\n// tail\n");
}

TEST_CASE("comments at the end of a block stay inside it", "[lang][fmt]") {
  Fixture f("rule {\n  x // after x\n\n  // last\n}\n");
  LineWriter w(f.file, f.comments);
  w.item(f.at("rule"), "rule {");
  w.open_block();
  w.item(f.at("x"), "x");
  w.close_block(f.at("}") + 1);
  CHECK(w.finish() == "rule {\n  x // after x\n\n  // last\n}\n");
}

TEST_CASE("a block starts without a blank line and items sharing a line get none", "[lang][fmt]") {
  Fixture f("b {\n\n  x y\n\n  z }\n");
  LineWriter w(f.file, f.comments);
  w.item(f.at("b"), "b {");
  w.open_block();
  w.item(f.at("x"), "x");
  w.item(f.at("y"), "y");
  w.item(f.at("z"), "z");
  w.close_block(f.at("}") + 1);
  CHECK(w.finish() == "b {\n  x\n  y\n\n  z\n}\n");
}

TEST_CASE("a trailing comment that finds no free line end gets its own line", "[lang][fmt]") {
  Fixture f("a // one\n  // two\n  b // three\nc\n");
  LineWriter w(f.file, f.comments);
  w.item(f.at("a"), "a b");
  w.item(f.at("c"), "c");
  CHECK(w.finish() == "a b // one\n// two\n// three\nc\n");
}

TEST_CASE("a separating blank line comes after trailing comments", "[lang][fmt]") {
  Fixture f("a // one\n// two\nb\n");
  LineWriter w(f.file, f.comments);
  w.item(f.at("a"), "a");
  w.attach_trailing(f.at("b"));
  w.blank_line();
  w.item(f.at("b"), "b");
  CHECK(w.finish() == "a // one\n\n// two\nb\n");
}

TEST_CASE("continuation lines keep no blank line and take the comments before them", "[lang][fmt]") {
  Fixture f("rule x\n\n  // why\n  when c\n{\n}\n");
  LineWriter w(f.file, f.comments);
  w.item(f.at("rule"), "rule x");
  w.indent();
  w.continuation(f.at("c\n"), "when c");
  w.dedent();
  CHECK(w.finish() == "rule x\n  // why\n  when c\n");
}

TEST_CASE("source questions the printer asks", "[lang][fmt]") {
  Fixture f("a // c\n  \n  // d\nb {}\n");
  LineWriter w(f.file, f.comments);
  CHECK(w.next_code(1) == f.at("b"));
  CHECK(w.blank_between(1, f.at("b")));
  CHECK_FALSE(w.blank_between(f.at("// d"), f.at("b")));
  CHECK(w.has_comment_in({0, 0, 3}));
  CHECK_FALSE(w.has_comment_in({0, f.at("b"), f.at("}")}));
  CHECK(w.fits(std::string(100, 'x')));
  CHECK_FALSE(w.fits(std::string(99, 'x'), 1));
  w.indent();
  CHECK_FALSE(w.fits(std::string(100, 'x')));
  CHECK(w.fits("\xC3\xA9" + std::string(97, 'x')));
}

TEST_CASE("nothing to write gives empty text", "[lang][fmt]") {
  Fixture f("\n\n");
  LineWriter w(f.file, f.comments);
  CHECK(w.finish().empty());
}

TEST_CASE("a comment already written no longer counts as inside a span", "[lang][fmt]") {
  Fixture f("// a\nx\n");
  LineWriter w(f.file, f.comments);
  Span whole{0, 0, static_cast<std::uint32_t>(f.file.text().size())};
  CHECK(w.has_comment_in(whole));
  w.item(f.at("x"), "x");
  CHECK_FALSE(w.has_comment_in(whole));
}
