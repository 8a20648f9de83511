#pragma once
// The audit trail of `writ replay` and `writ run`: opened new for a fresh run, or for
// appending when a run resumes; errors are printed as `writ COMMAND: TRAIL: why`.
#include <memory>
#include <optional>
#include <string>

#include "runtime/audit_checkpoint.hpp"
#include "runtime/audit_error.hpp"
#include "runtime/audit_store.hpp"

namespace writ::cli {

// nullptr when the trail cannot be opened (the error is printed). A fresh run refuses an
// existing file, naming --resume, and makes the trail with `salt` (empty: a random one).
std::unique_ptr<runtime::AuditStore> open_run_trail(const std::string& command, const std::string& path, bool resume,
                                                    const std::string& salt);

// What is wrong with --audit, --resume and --salt-file as given together; nullopt if nothing.
std::optional<std::string> trail_options_problem(const std::string& audit, bool resume, const std::string& salt_file);

// The checkpoint a resumed run under `policy_hash` reading `input_source` continues from
// (runtime::resume_point). nullopt when there is none to continue from: the reason is
// printed and `exit_code` set, kExitUsage when the trail is another run's (policy, input),
// kExitErrors when it cannot be read.
std::optional<runtime::AuditCheckpoint> resume_checkpoint(const std::string& command, const runtime::AuditStore& store,
                                                          const std::string& policy_hash,
                                                          const std::string& input_source, int& exit_code);

// Prints `writ COMMAND: TRAIL: message` and returns the exit code for it.
int trail_failure(const std::string& command, const std::string& path, const runtime::AuditError& error);

}  // namespace writ::cli
