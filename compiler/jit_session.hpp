#pragma once
// The LLVM ORC JIT, alone with its headers (they stay in jit_session.cpp). Owns the LLJIT;
// each policy's module goes in under its own ResourceTracker and is removed with it. Binds
// exactly the stdlib built-ins (builtin_symbols()) and nothing from the host process, and
// optimises every module in the IR transform layer at the chosen level.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <variant>

#include "compiler/optimiser.hpp"

namespace llvm {
class DataLayout;
class LLVMContext;
class Module;
}  // namespace llvm

namespace writ::compiler {

class JitSession {
 public:
  using ModuleHandle = std::uint64_t;

  // The session, or why LLVM could not start one (no native target, say).
  static std::variant<std::unique_ptr<JitSession>, std::string> create(OptLevel level = OptLevel::O2);
  ~JitSession();
  JitSession(const JitSession&) = delete;
  JitSession& operator=(const JitSession&) = delete;

  const llvm::DataLayout& data_layout() const;
  OptLevel opt_level() const { return level_; }

  // Hands a module (and the context it lives on) to the JIT under a new tracker.
  std::variant<ModuleHandle, std::string> add_module(std::unique_ptr<llvm::LLVMContext> context,
                                                     std::unique_ptr<llvm::Module> module);
  // The address of a function of a module added earlier; compiling happens here.
  std::variant<void*, std::string> lookup(const std::string& name);
  // Frees a module's code and symbols.
  void remove(ModuleHandle handle);

  // A fresh prefix for symbol names, so several policies can live in one session.
  std::string unique_prefix();

 private:
  struct Impl;
  JitSession(std::unique_ptr<Impl> impl, OptLevel level);

  std::unique_ptr<Impl> impl_;
  OptLevel level_;
  std::uint64_t next_prefix_ = 0;
};

}  // namespace writ::compiler
