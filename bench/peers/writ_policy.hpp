#pragma once
// A Writ policy for the peer bench, loaded and checked once and compiled by either engine,
// with the CPU time each stage took (for the compile-time curve). Failures throw
// std::runtime_error with the diagnostics.
#include <memory>
#include <string>

#include "compiler/compiled_policy.hpp"
#include "lang/diagnostic.hpp"
#include "lang/program.hpp"
#include "lang/source.hpp"

namespace writ::peers {

struct LoadedPolicy {
  lang::SourceManager sources;
  lang::Diagnostics diags;
  lang::Program program;
};

// `text` empty: read `path`; otherwise `text` is the policy and `path` only names it.
std::unique_ptr<LoadedPolicy> load_policy(const std::string& path, const std::string& text = {});
std::unique_ptr<compiler::CompiledPolicy> compile(const LoadedPolicy& loaded, compiler::EngineKind engine);

// The process's CPU time in ms: the machine's cores are shared, and wall time would count
// other processes' turns. Every C++ figure of the bench is CPU time.
double cpu_ms();

}  // namespace writ::peers
