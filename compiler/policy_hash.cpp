#include "compiler/policy_hash.hpp"

#include <fmt/format.h>

#include "compiler/sha256.hpp"
#include "lang/formatter.hpp"

namespace writ::compiler {

// Modules in load order (root files sorted by path, each followed by its imports, depth
// first), each framed by its policy name and its length so no two sets of texts can run
// together into the same input.
std::string policy_hash(const lang::Program& program, const lang::SourceManager& sources) {
  Sha256 hash;
  hash.update("writ-policy-v1\n");
  for (const auto& module : program.modules) {
    std::string text = lang::format_module(*module, sources.file(module->file));
    std::string name = module->header ? module->header->name.text : std::string();
    hash.update(fmt::format("module {} {}\n", name, text.size()));
    hash.update(text);
  }
  return to_hex(hash.finish());
}

}  // namespace writ::compiler
