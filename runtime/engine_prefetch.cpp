// Warming an incident's block for an event read ahead (engine.hpp, Engine::prefetch_incident).
#include <cstdint>

#include "runtime/engine.hpp"

namespace writ::runtime {

void Engine::prefetch_incident(compiler::StringId id) const {
  const Incident* incident = incidents_.find(id);
  if (!incident) return;
  // Every line of the block: an event reads the incident's header, its state and the
  // instances its constructs run, spread over the block.
  constexpr std::uintptr_t kLine = 64;
  auto begin = reinterpret_cast<std::uintptr_t>(incident);
  for (std::uintptr_t at = begin & ~(kLine - 1); at < begin + shape_.bytes(); at += kLine) {
    __builtin_prefetch(reinterpret_cast<const void*>(at));
  }
}

}  // namespace writ::runtime
