#include "bench/peers/writ_policy.hpp"

#include <time.h>

#include <stdexcept>
#include <variant>

#include "lang/checker.hpp"
#include "lang/module_loader.hpp"

namespace writ::peers {

std::unique_ptr<LoadedPolicy> load_policy(const std::string& path, const std::string& text) {
  auto loaded = std::make_unique<LoadedPolicy>();
  lang::LoadOptions options;
  options.stdlib_dir = std::string(WRIT_SOURCE_DIR) + "/stdlib";
  loaded->program = text.empty() ? lang::load_program({path}, loaded->sources, loaded->diags, options)
                                 : lang::load_program_text(path, text, loaded->sources, loaded->diags, options);
  if (!loaded->diags.has_errors()) lang::check_program(loaded->program, loaded->diags);
  if (loaded->diags.has_errors()) {
    throw std::runtime_error(path + " does not check:\n" + lang::render_text(loaded->diags, loaded->sources));
  }
  return loaded;
}

std::unique_ptr<compiler::CompiledPolicy> compile(const LoadedPolicy& loaded, compiler::EngineKind engine) {
  auto compiled = compiler::compile_policy(loaded.program, loaded.sources, engine);
  if (auto* errors = std::get_if<std::vector<compiler::CompileError>>(&compiled)) {
    throw std::runtime_error("the policy does not compile: " + (errors->empty() ? std::string("?") : errors->front().message));
  }
  return std::move(std::get<std::unique_ptr<compiler::CompiledPolicy>>(compiled));
}

double cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

}  // namespace writ::peers
