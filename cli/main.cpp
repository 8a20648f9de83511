// writ: the command line. One file per subcommand; this one only dispatches.
#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
  CLI::App app{"writ: the incident governance policy language"};
  app.require_subcommand(1);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  return 0;
}
