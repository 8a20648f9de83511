// Golden files of `writ explain`: the listing (and for the LANGUAGE.md examples the JSON) of
// the policy sets an auditor reads, byte for byte, in tests/golden/explain. The cases are
// the LANGUAGE.md fixtures (`language`), the shipped policies as one set (`policies`), and
// every `<case>.writ` in tests/golden/explain (each with a header comment saying what it
// pins). WRIT_UPDATE_GOLDEN=1 writes the expected files.
//
// The run mirrors `writ explain` (cli/explain_command.cpp): load, check, build the Plan,
// explain. It runs from the source folder with relative paths, standard library included,
// so the files named in the output are the same on every machine.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include "compiler/explain.hpp"
#include "compiler/plan_builder.hpp"
#include "lang/checker.hpp"
#include "lang/diagnostic.hpp"
#include "lang/module_loader.hpp"
#include "tests/support/golden.hpp"

using namespace writ;
using namespace writ::test;
namespace fs = std::filesystem;

namespace {

const fs::path kGoldenDir = fs::path(WRIT_TESTS_DIR) / "golden" / "explain";

struct ExplainCase {
  std::string name;
  std::string path;  // given to the loader, relative to the source folder
  bool json = false;  // pin the JSON form too
};

std::vector<ExplainCase> explain_cases() {
  std::vector<ExplainCase> cases{{"language", "tests/fixtures/language", true}, {"policies", "policies", false}};
  for (const auto& file : files_with_extension(kGoldenDir, ".writ")) {
    cases.push_back({file.stem().string(), fs::relative(file, WRIT_SOURCE_DIR).string(), false});
  }
  return cases;
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

// Load, check and explain as `writ explain` does; call from the source folder.
compiler::Explanation run_explain(const std::string& path) {
  lang::SourceManager sources;
  lang::Diagnostics diags;
  lang::LoadOptions load;
  load.stdlib_dir = "stdlib";
  lang::Program program = lang::load_program({path}, sources, diags, load);
  if (!diags.has_errors()) lang::check_program(program, diags, {});
  INFO(lang::render_text(diags, sources));
  REQUIRE_FALSE(diags.has_errors());
  auto built = compiler::build_plan(program, sources);
  auto* plan = std::get_if<std::unique_ptr<compiler::Plan>>(&built);
  REQUIRE(plan);
  return compiler::explain(program, sources, **plan);
}

void check_case(const GoldenCase& golden, const std::string& actual) {
  GoldenResult result = check_golden(golden, actual);
  INFO(result.message);
  CHECK(result.ok);
}

}  // namespace

TEST_CASE("golden files pin what writ explain prints", "[compiler][explain][golden]") {
  auto cases = explain_cases();
  REQUIRE(cases.size() >= 3);
  WorkingDirectory here(WRIT_SOURCE_DIR);
  for (const ExplainCase& c : cases) {
    CAPTURE(c.name);
    auto explanation = run_explain(c.path);
    fs::path input = fs::path(WRIT_SOURCE_DIR) / c.path;
    check_case({c.name, input, kGoldenDir / (c.name + ".expected")}, compiler::explain_listing(explanation));
    if (c.json) check_case({c.name, input, kGoldenDir / (c.name + ".expected.json")}, compiler::explain_json(explanation));
  }
}

TEST_CASE("every explain golden case says what it pins", "[compiler][explain][golden]") {
  for (const auto& file : files_with_extension(kGoldenDir, ".writ")) {
    CAPTURE(file);
    CHECK(read_text(file).rfind("//", 0) == 0);
  }
}

TEST_CASE("every explain golden expectation belongs to a case", "[compiler][explain][golden]") {
  std::set<std::string> names;
  for (const ExplainCase& c : explain_cases()) names.insert(c.name);
  for (const auto& entry : fs::directory_iterator(kGoldenDir)) {
    std::string file = entry.path().filename().string();
    if (entry.path().extension() == ".writ") continue;
    CAPTURE(file);
    std::string name = file.substr(0, file.find('.'));
    CHECK(names.count(name) == 1);
  }
}
