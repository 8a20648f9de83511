#pragma once
// Golden files: tests/golden/<area>/<case>.<ext> holds an input (with a header comment saying
// what the case pins) and <case>.expected the output it must give. One runner for every
// area. With WRIT_UPDATE_GOLDEN=1 in the environment the .expected files are rewritten from
// the actual output instead of compared, to be reviewed in the diff.
#include <filesystem>
#include <string>
#include <vector>

namespace writ::test {

struct GoldenCase {
  std::string name;  // the file name without its extension
  std::filesystem::path input;
  std::filesystem::path expected;
};

struct GoldenResult {
  bool ok = false;
  std::string message;  // why it failed: the first differing line, or a missing file
};

// Every file under `dir`, recursively, whose name ends in `extension`, sorted by path;
// empty when `dir` does not exist.
std::vector<std::filesystem::path> files_with_extension(const std::filesystem::path& dir,
                                                        const std::string& extension);
// The cases of tests/golden/<area> whose input ends in `extension`.
std::vector<GoldenCase> golden_cases(const std::string& area, const std::string& extension);
// Compares `actual` with the case's .expected file, or rewrites it when updating.
GoldenResult check_golden(const GoldenCase& golden, const std::string& actual);
bool updating_golden();

// The whole file, bytes as they are; throws std::runtime_error when it cannot be read.
std::string read_text(const std::filesystem::path& path);

}  // namespace writ::test
