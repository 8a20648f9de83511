#pragma once
// What a writ::Policy shares among its copies and engines: the checked program with its
// sources (the Plan's spans and texts point into them) and the compiled policy. Immutable
// once built; the routines' run() keeps no state between calls, so engines on several
// threads may call them at once.
#include <memory>

#include "compiler/compiled_policy.hpp"
#include "lang/program.hpp"
#include "lang/source.hpp"
#include "writ/policy.hpp"

namespace writ::detail {

struct PolicyData {
  lang::SourceManager sources;
  lang::Program program;
  std::unique_ptr<compiler::CompiledPolicy> compiled;
  bool audit = true;  // CompileOptions::audit: whether engines may write a trail
};

struct PolicyAccess {
  static Policy make(std::shared_ptr<const PolicyData> data) { return Policy(std::move(data)); }
  static const PolicyData& data(const Policy& policy) { return *policy.data_; }
};

}  // namespace writ::detail
