// Golden files of rendered diagnostics: what `writ check` prints for each case under
// tests/golden/check, byte for byte. A case is either `<case>.writ` or a folder `<case>/`
// whose `main.writ` is the file given to the loader (its imports sit beside it); either way
// the expected text is `<case>.expected` in tests/golden/check, and `<case>.expected.json`,
// when present, pins the JSON form as well. Cases are found when the test runs, so a new
// case needs no change here; WRIT_UPDATE_GOLDEN=1 writes the expected files.
//
// The run mirrors `writ check` (cli/policy_set.cpp): load, check only when loading found no
// error, sort. It runs from tests/golden/check, so file paths show as the loader was given
// them (`unknown_name.writ`, `import_cycle/main.writ`), with the standard library reached by
// a relative path too; `today` is fixed. A comment line `// args: --stale 365d ...` in a
// case's header sets the flags `writ check` would take: --stale, --today, --max-errors.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include "lang/checker.hpp"
#include "lang/diagnostic.hpp"
#include "lang/literals.hpp"
#include "lang/module_loader.hpp"
#include "tests/support/golden.hpp"

using namespace writ;
using namespace writ::test;
namespace fs = std::filesystem;

namespace {

const fs::path kCasesDir = fs::path(WRIT_TESTS_DIR) / "golden" / "check";
constexpr std::int64_t kDayMs = 86'400'000;

struct CheckCase {
  std::string name;
  std::string root;  // the path given to the loader, relative to kCasesDir
  fs::path header;   // the file whose leading comment describes the case
};

// Every case, sorted by name.
std::vector<CheckCase> check_cases() {
  std::vector<CheckCase> cases;
  for (const auto& entry : fs::directory_iterator(kCasesDir)) {
    const fs::path& p = entry.path();
    std::string name = p.filename().string();
    if (entry.is_directory()) {
      cases.push_back({name, name + "/main.writ", p / "main.writ"});
    } else if (p.extension() == ".writ") {
      cases.push_back({p.stem().string(), name, p});
    }
  }
  std::sort(cases.begin(), cases.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return cases;
}

// The comment lines the file starts with.
std::vector<std::string> header_lines(const fs::path& file) {
  std::vector<std::string> lines;
  std::istringstream in(read_text(file));
  for (std::string line; std::getline(in, line) && line.rfind("//", 0) == 0;) lines.push_back(line);
  return lines;
}

struct RunOptions {
  lang::CheckOptions check;
  std::size_t max_errors = 20;
};

// The flags of a `// args:` header line, read as `writ check` reads them.
RunOptions run_options(const std::vector<std::string>& header) {
  RunOptions options;
  options.check.today_ms = lang::days_from_civil(*lang::parse_date("2026-11-26")) * kDayMs;
  for (const std::string& line : header) {
    if (line.rfind("// args:", 0) != 0) continue;
    std::istringstream words(line.substr(8));
    for (std::string flag, value; words >> flag >> value;) {
      if (flag == "--stale") {
        auto ms = lang::parse_duration(value);
        REQUIRE(ms);
        options.check.stale_after_ms = *ms;
      } else if (flag == "--today") {
        auto date = lang::parse_date(value);
        REQUIRE(date);
        options.check.today_ms = lang::days_from_civil(*date) * kDayMs;
      } else if (flag == "--max-errors") {
        options.max_errors = std::stoul(value);
      } else {
        FAIL("unknown flag in `// args:` line: " << flag);
      }
    }
  }
  return options;
}

// Runs in another folder while it lives.
class WorkingDirectory {
 public:
  explicit WorkingDirectory(const fs::path& dir) : saved_(fs::current_path()) { fs::current_path(dir); }
  ~WorkingDirectory() { fs::current_path(saved_); }
  WorkingDirectory(const WorkingDirectory&) = delete;
  WorkingDirectory& operator=(const WorkingDirectory&) = delete;

 private:
  fs::path saved_;
};

struct Rendered {
  std::string text;
  std::string json;
};

// Load and check as `writ check` does; call from kCasesDir.
Rendered run_check(const CheckCase& c, const RunOptions& options) {
  lang::SourceManager sources;
  lang::Diagnostics diags(lang::DiagnosticOptions{options.max_errors});
  lang::LoadOptions load;
  load.stdlib_dir = fs::relative(fs::path(WRIT_SOURCE_DIR) / "stdlib").string();
  lang::Program program = lang::load_program({c.root}, sources, diags, load);
  if (!diags.has_errors()) lang::check_program(program, diags, options.check);
  diags.sort();
  return {lang::render_text(diags, sources), lang::render_json(diags, sources)};
}

}  // namespace

TEST_CASE("golden files pin the diagnostics writ check renders", "[lang][check][golden]") {
  auto cases = check_cases();
  REQUIRE(cases.size() >= 25);
  WorkingDirectory here(kCasesDir);
  for (const CheckCase& c : cases) {
    CAPTURE(c.name);
    auto header = header_lines(c.header);
    INFO("a case starts with a comment saying what it pins");
    REQUIRE_FALSE(header.empty());
    Rendered out = run_check(c, run_options(header));
    GoldenCase text{c.name, c.header, kCasesDir / (c.name + ".expected")};
    GoldenResult result = check_golden(text, out.text);
    INFO(result.message);
    CHECK(result.ok);
    GoldenCase json{c.name, c.header, kCasesDir / (c.name + ".expected.json")};
    if (fs::exists(json.expected)) {
      GoldenResult json_result = check_golden(json, out.json);
      INFO(json_result.message);
      CHECK(json_result.ok);
    }
  }
}

TEST_CASE("every golden expectation belongs to a case", "[lang][check][golden]") {
  std::set<std::string> names;
  for (const CheckCase& c : check_cases()) names.insert(c.name);
  for (const auto& entry : fs::directory_iterator(kCasesDir)) {
    std::string file = entry.path().filename().string();
    for (const std::string ext : {".expected.json", ".expected"}) {
      if (file.size() > ext.size() && file.compare(file.size() - ext.size(), ext.size(), ext) == 0) {
        CAPTURE(file);
        CHECK(names.count(file.substr(0, file.size() - ext.size())) == 1);
        break;
      }
    }
  }
}
