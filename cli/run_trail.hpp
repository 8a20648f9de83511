#pragma once
// The audit trail of `writ replay` and `writ run`: opened new for a fresh run, or for
// appending when a run resumes; errors are printed as `writ COMMAND: TRAIL: why`.
#include <memory>
#include <string>

#include "runtime/audit_error.hpp"
#include "runtime/audit_store.hpp"

namespace writ::cli {

// nullptr when the trail cannot be opened (the error is printed). A fresh run refuses an
// existing file, naming --resume when the command has it.
std::unique_ptr<runtime::AuditStore> open_run_trail(const std::string& command, const std::string& path, bool resume,
                                                    bool resumable);

// Prints `writ COMMAND: TRAIL: message` and returns the exit code for it.
int trail_failure(const std::string& command, const std::string& path, const runtime::AuditError& error);

}  // namespace writ::cli
