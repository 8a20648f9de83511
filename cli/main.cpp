// writ: the command line. One file per subcommand; this one only dispatches.
#include <exception>
#include <iostream>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"writ: incident governance policies, checked, compiled and applied"};
  app.require_subcommand(1);
  int exit_code = writ::cli::kExitOk;
  writ::cli::add_check_command(app, exit_code);
  writ::cli::add_fmt_command(app, exit_code);
  writ::cli::add_replay_command(app, exit_code);
  writ::cli::add_run_command(app, exit_code);
  writ::cli::add_test_command(app, exit_code);
  writ::cli::add_explain_command(app, exit_code);
  writ::cli::add_audit_command(app, exit_code);
  writ::cli::add_report_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? writ::cli::kExitOk : writ::cli::kExitUsage;
  } catch (const std::exception& e) {
    // Host failures only (out of memory, I/O): bad input is reported as diagnostics.
    std::cerr << "writ: internal error: " << e.what() << "\n";
    return writ::cli::kExitErrors;
  }
  return exit_code;
}
