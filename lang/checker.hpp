#pragma once
// Name resolution, type checking and the static checks over a loaded Program. Fills the
// "set by the checker" fields of the AST; reports every problem it finds, not only the first.
#include <cstdint>
#include <optional>
#include <string>

#include "lang/diagnostic.hpp"
#include "lang/program.hpp"

namespace writ::lang {

struct CheckOptions {
  // `writ check --stale 365d`: warn on `@reviewed("DATE")` older than this many ms before
  // `today_ms`. Unset: no staleness check.
  std::optional<std::int64_t> stale_after_ms;
  std::int64_t today_ms = 0;  // the current time, ms since the epoch (injected for tests)
  // Where calendar zones are looked up (E0506); the tzdata the runtime reads.
  std::string zoneinfo_dir = "/usr/share/zoneinfo";
};

// Returns true when checking found no errors (warnings allowed); errors already in `diags`
// (from loading and parsing) do not count. Diagnostics are appended unsorted.
bool check_program(Program& program, Diagnostics& diags, const CheckOptions& options = {});

}  // namespace writ::lang
