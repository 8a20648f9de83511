#pragma once
// `--salt-file F` of `writ replay` and `writ run`: the salt of a new audit trail, so that a
// run can be reproduced byte for byte (docs/audit.md, "Reproducible trails"). Read from a
// file, not taken on the command line, where every user of the machine could read it in
// the process list: the salt is what keeps the digests of `@sensitive` values unguessable.
#include <optional>
#include <string>

namespace writ::cli {

// The file's text without surrounding whitespace: 64 lower-case hex digits. nullopt when
// it cannot be read or is not a salt; the reason is printed as `writ COMMAND: ...`.
std::optional<std::string> read_salt_file(const std::string& command, const std::string& path);

}  // namespace writ::cli
