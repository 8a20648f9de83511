#include "cli/run_trail.hpp"

#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"

namespace writ::cli {

std::unique_ptr<runtime::AuditStore> open_run_trail(const std::string& command, const std::string& path, bool resume,
                                                    bool resumable) {
  auto mode = resume ? runtime::AuditOpenMode::Append : runtime::AuditOpenMode::Create;
  auto store = runtime::AuditStore::open(path, runtime::AuditOpenOptions{mode, {}});
  if (store.ok()) return std::move(store.value());
  std::string hint;
  if (store.error().kind == runtime::AuditErrorKind::Exists) {
    hint = resumable ? "; pass --resume to continue that trail, or name a new file"
                     : "; a run writes a new trail: name a new file";
  }
  std::cerr << fmt::format("writ {}: {}: {}{}\n", command, path, store.error().message, hint);
  return nullptr;
}

int trail_failure(const std::string& command, const std::string& path, const runtime::AuditError& error) {
  std::cerr << fmt::format("writ {}: {}: {}\n", command, path, error.message);
  return kExitErrors;
}

}  // namespace writ::cli
