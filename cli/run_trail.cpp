#include "cli/run_trail.hpp"

#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"
#include "runtime/audit_resume.hpp"

namespace writ::cli {

std::unique_ptr<runtime::AuditStore> open_run_trail(const std::string& command, const std::string& path, bool resume,
                                                    const std::string& salt) {
  auto mode = resume ? runtime::AuditOpenMode::Append : runtime::AuditOpenMode::Create;
  auto store = runtime::AuditStore::open(path, runtime::AuditOpenOptions{mode, {}}, salt);
  if (store.ok()) return std::move(store.value());
  std::string hint;
  if (store.error().kind == runtime::AuditErrorKind::Exists) {
    hint = "; pass --resume to continue that trail, or name a new file";
  }
  std::cerr << fmt::format("writ {}: {}: {}{}\n", command, path, store.error().message, hint);
  return nullptr;
}

std::optional<std::string> trail_options_problem(const std::string& audit, bool resume, const std::string& salt_file) {
  if (resume && audit.empty()) return "--resume needs --audit, the trail to continue";
  if (!salt_file.empty() && audit.empty()) return "--salt-file needs --audit, the trail it salts";
  if (!salt_file.empty() && resume) return "--salt-file is for a new trail: a resumed trail keeps its salt";
  return std::nullopt;
}

std::optional<runtime::AuditCheckpoint> resume_checkpoint(const std::string& command, const runtime::AuditStore& store,
                                                          const std::string& policy_hash,
                                                          const std::string& input_source, int& exit_code) {
  auto point = runtime::resume_point(store, policy_hash, input_source);
  if (auto* checkpoint = std::get_if<runtime::AuditCheckpoint>(&point)) return std::move(*checkpoint);
  const auto& failure = std::get<runtime::ResumeFailure>(point);
  if (failure.refused) {
    std::cerr << fmt::format("writ {}: {}: cannot resume: {}\n", command, store.path(), failure.message);
    exit_code = kExitUsage;
  } else {
    exit_code = trail_failure(command, store.path(), {runtime::AuditErrorKind::Damaged, failure.message});
  }
  return std::nullopt;
}

int trail_failure(const std::string& command, const std::string& path, const runtime::AuditError& error) {
  std::cerr << fmt::format("writ {}: {}: {}\n", command, path, error.message);
  return kExitErrors;
}

}  // namespace writ::cli
