#include "compiler/routine_check.hpp"

#include <fmt/format.h>

#include <vector>

namespace writ::compiler {

namespace {

using ir::Step;

std::optional<std::string> step_error(const Step& step, const ir::Routine& routine, const std::vector<bool>& written) {
  for (const ir::BitTest& test : step.guard) {
    if (test.bit >= written.size() || !written[test.bit]) return fmt::format("its guard tests bit {}, which no earlier step wrote", test.bit);
  }
  if (!step.expr) return std::string("it has no expression");
  switch (step.kind) {
    case Step::Kind::Test:
      if (step.expr->is_set) return std::string("it tests a set");
      if (step.bit >= routine.bit_count) return fmt::format("it writes bit {} of {}", step.bit, routine.bit_count);
      return std::nullopt;
    case Step::Kind::Value: {
      std::uint64_t end = std::uint64_t{step.slot} + (step.expr->is_set ? 2 : 1);
      if (end > routine.slot_count) return fmt::format("it writes slots up to {} of {}", end - 1, routine.slot_count);
      return std::nullopt;
    }
    case Step::Kind::Assign:
      if (step.target != RecordSource::State && step.target != RecordSource::Global) {
        return std::string("it assigns to a record other than the state or the global one");
      }
      return std::nullopt;
  }
  return std::string("it is of no known kind");
}

}  // namespace

std::optional<std::string> routine_error(const ir::Routine& routine) {
  std::vector<bool> written(routine.bit_count, false);
  for (std::size_t i = 0; i < routine.steps.size(); ++i) {
    const Step& step = routine.steps[i];
    if (auto error = step_error(step, routine, written)) {
      return fmt::format("routine `{}`, step {}: {}", routine.name, i, *error);
    }
    if (step.kind == Step::Kind::Test) written[step.bit] = true;
  }
  return std::nullopt;
}

}  // namespace writ::compiler
