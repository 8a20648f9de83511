#pragma once
// The policy hash: what every audit record names as the policy that made it. SHA-256 over
// the canonical (formatted) text of every module of the set, so reformatting, comments
// moved by `writ fmt` or a different checkout folder leave it unchanged, and any change of
// meaning changes it. docs/explain.md gives the exact input.
#include <string>

#include "lang/program.hpp"
#include "lang/source.hpp"

namespace writ::compiler {

// 64 lower-case hexadecimal digits.
std::string policy_hash(const lang::Program& program, const lang::SourceManager& sources);

}  // namespace writ::compiler
