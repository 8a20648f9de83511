#include "tests/support/golden.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace writ::test {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Where two texts first differ, as `line N: expected "..." but got "..."`.
std::string first_difference(const std::string& expected, const std::string& actual) {
  auto want = split_lines(expected);
  auto got = split_lines(actual);
  std::size_t n = std::max(want.size(), got.size());
  for (std::size_t i = 0; i < n; ++i) {
    std::string a = i < want.size() ? "\"" + want[i] + "\"" : "end of file";
    std::string b = i < got.size() ? "\"" + got[i] + "\"" : "end of file";
    if (a != b) return "line " + std::to_string(i + 1) + ": expected " + a + " but got " + b;
  }
  return "the texts differ in their line ends";
}

}  // namespace

std::vector<fs::path> files_with_extension(const fs::path& dir, const std::string& extension) {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.size() > extension.size() &&
        name.compare(name.size() - extension.size(), extension.size(), extension) == 0) {
      out.push_back(entry.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<GoldenCase> golden_cases(const std::string& area, const std::string& extension) {
  std::vector<GoldenCase> cases;
  for (const auto& input : files_with_extension(fs::path(WRIT_TESTS_DIR) / "golden" / area, extension)) {
    std::string file = input.filename().string();
    fs::path expected = input;
    expected.replace_filename(file.substr(0, file.size() - extension.size()) + ".expected");
    cases.push_back({file.substr(0, file.size() - extension.size()), input, expected});
  }
  return cases;
}

GoldenResult check_golden(const GoldenCase& golden, const std::string& actual) {
  if (updating_golden()) {
    std::ofstream out(golden.expected, std::ios::binary);
    out << actual;
    if (!out) return {false, "cannot write " + golden.expected.string()};
    return {true, ""};
  }
  if (!fs::exists(golden.expected)) {
    return {false, golden.expected.string() + " is missing; run with WRIT_UPDATE_GOLDEN=1 to create it"};
  }
  std::string expected = read_text(golden.expected);
  if (expected == actual) return {true, ""};
  return {false, golden.expected.string() + ": " + first_difference(expected, actual)};
}

bool updating_golden() {
  const char* value = std::getenv("WRIT_UPDATE_GOLDEN");
  return value != nullptr && std::string(value) == "1";
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace writ::test
