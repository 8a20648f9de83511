#pragma once
// Runs a program with arguments (no shell), capturing stdout, stderr and the exit status,
// for end-to-end tests of the `writ` binary.
#include <string>
#include <vector>

namespace writ::test {

struct ProcessResult {
  int exit_code = -1;  // -1 when the process did not exit normally (a signal: a crash)
  std::string out;
  std::string err;
};

ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                          const std::string& stdin_text = "");

#ifdef WRIT_BINARY
// The writ binary under test (its path is compiled into the test binary that uses it).
inline ProcessResult run_writ(const std::vector<std::string>& args, const std::string& stdin_text = "") {
  return run_process(WRIT_BINARY, args, stdin_text);
}
#endif

// A fresh temporary folder, removed when the object goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  // Writes `text` to `name` inside the folder and returns the full path.
  std::string write(const std::string& name, const std::string& text) const;
  std::string read(const std::string& name) const;

 private:
  std::string path_;
};

}  // namespace writ::test
