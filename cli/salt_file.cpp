#include "cli/salt_file.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "runtime/hash_chain.hpp"

namespace writ::cli {

std::optional<std::string> read_salt_file(const std::string& command, const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << fmt::format("writ {}: --salt-file: cannot read {}\n", command, path);
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  std::string salt = text.str();
  constexpr const char* kSpace = " \t\r\n";
  salt.erase(0, salt.find_first_not_of(kSpace));
  salt.erase(salt.find_last_not_of(kSpace) + 1);
  if (!runtime::is_hex_digest(salt)) {
    std::cerr << fmt::format("writ {}: --salt-file: {} does not hold a salt: 64 lower-case hex digits (32 bytes), "
                             "such as the output of `openssl rand -hex 32`\n",
                             command, path);
    return std::nullopt;
  }
  return salt;
}

}  // namespace writ::cli
