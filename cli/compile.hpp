#pragma once
// Loading, checking and compiling a policy set for the subcommands that run policies
// (replay, run, test): diagnostics on stderr, and the compiled policy when all went well.
#include <memory>
#include <string>
#include <vector>

#include "cli/policy_set.hpp"
#include "compiler/compiled_policy.hpp"

namespace writ::cli {

struct Compiled {
  std::unique_ptr<PolicySet> set;
  std::unique_ptr<compiler::CompiledPolicy> policy;
};

// Prints diagnostics (and the JIT fallback warning) to stderr; `policy` is null when the set
// had errors or did not compile. `plan`: record_reads for a run that writes an audit trail.
Compiled compile_policy_set(const std::vector<std::string>& paths, const std::string& stdlib, compiler::EngineKind engine,
                            compiler::PlanOptions plan = {});

}  // namespace writ::cli
