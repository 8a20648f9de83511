// Property: checking never crashes, whatever the parser makes of damaged fixtures. Line
// and word mutations keep most text parseable, so the damage reaches the checker.
#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <regex>
#include <sstream>

#include "tests/support/checked_program.hpp"

using namespace writ;

namespace {

std::string read_fixture(const std::string& name) {
  std::ifstream in(std::string(WRIT_TESTS_DIR) + "/fixtures/language/" + name);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return text;
}

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::regex word("[A-Za-z_][A-Za-z0-9_.]*|[0-9]+[a-z%]*");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), word); it != std::sregex_iterator(); ++it) {
    words.push_back(it->str());
  }
  return words;
}

// One random edit: drop, repeat or swap a line, or put one word of the fixtures in place of another.
void mutate(std::vector<std::string>& lines, const std::vector<std::string>& words, std::mt19937& rng) {
  if (lines.empty()) return;
  std::size_t at = rng() % lines.size();
  switch (rng() % 4) {
    case 0: lines.erase(lines.begin() + static_cast<long>(at)); break;
    case 1: lines.insert(lines.begin() + static_cast<long>(rng() % lines.size()), lines[at]); break;
    case 2: std::swap(lines[at], lines[rng() % lines.size()]); break;
    default: {
      auto in_line = words_of(lines[at]);
      if (in_line.empty()) break;
      const std::string& from = in_line[rng() % in_line.size()];
      std::size_t pos = lines[at].find(from);
      lines[at].replace(pos, from.size(), words[rng() % words.size()]);
      break;
    }
  }
}

}  // namespace

TEST_CASE("checking mutated fixtures never crashes", "[lang][checker]") {
  const char* names[] = {"behaviour.writ", "declarations.writ", "tests.writ"};
  std::vector<std::vector<std::string>> fixtures;
  std::vector<std::string> words;
  for (const char* name : names) {
    std::string text = read_fixture(name);
    fixtures.push_back(split_lines(text));
    for (auto& w : words_of(text)) words.push_back(w);
  }
  std::mt19937 rng(20261126);
  std::size_t checked_with_errors = 0;
  for (int i = 0; i < 1500; ++i) {
    auto files = fixtures;
    int edits = 1 + static_cast<int>(rng() % 6);
    for (int m = 0; m < edits; ++m) mutate(files[rng() % files.size()], words, rng);
    std::vector<test::SourceText> sources;
    for (std::size_t f = 0; f < files.size(); ++f) sources.push_back({names[f], join_lines(files[f])});
    auto run = test::check_texts(sources);
    for (const auto& d : run->diags.all()) {
      REQUIRE(d.span.file < run->sources.size());
      REQUIRE(d.span.begin <= d.span.end);
      REQUIRE(d.span.end <= run->sources.file(d.span.file).text().size());
      for (const auto& note : d.notes) REQUIRE(note.span.end <= run->sources.file(note.span.file).text().size());
    }
    if (run->diags.error_count() > run->parse_errors) ++checked_with_errors;
  }
  // The mutations must reach the checker for this property to say anything.
  CHECK(checked_with_errors > 500);
}
