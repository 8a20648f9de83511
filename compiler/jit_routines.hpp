#pragma once
// The JIT engine for routines: generates one module for a policy's routines, adds it to a
// JitSession under one symbol prefix, and calls the native code. The module is removed from
// the session when the object goes.
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "compiler/jit_session.hpp"
#include "compiler/routine.hpp"

namespace writ::compiler {

class JitRoutines final : public RoutineEvaluator {
 public:
  // The routines compiled, or why code generation or JIT compilation failed (a malformed
  // routine included). The session must outlive the object; the routines need not.
  static std::variant<std::unique_ptr<JitRoutines>, std::string> create(JitSession& session,
                                                                        const std::vector<ir::Routine>& routines);
  ~JitRoutines() override;
  JitRoutines(const JitRoutines&) = delete;
  JitRoutines& operator=(const JitRoutines&) = delete;

  std::size_t size() const override { return entry_points_.size(); }
  void run(std::size_t index, const EvalContext& ctx, std::uint64_t* bits, std::int64_t* slots) override;

  // The native entry point of routine `index`, valid while this object lives: what the
  // runtime calls without the virtual dispatch of run().
  CompiledRoutine entry_point(std::size_t index) const { return entry_points_.at(index); }

 private:
  JitRoutines(JitSession& session, JitSession::ModuleHandle handle, std::vector<CompiledRoutine> entry_points);

  JitSession& session_;
  JitSession::ModuleHandle handle_;
  std::vector<CompiledRoutine> entry_points_;
};

}  // namespace writ::compiler
