// Warming an incident's block for an event read ahead (engine.hpp, Engine::prefetch_incident).
#include "runtime/engine.hpp"

namespace writ::runtime {

void Engine::prefetch_incident(compiler::StringId id) const {
  const Incident* incident = incidents_.find(id);
  if (!incident) return;
  // The block's first line only: it starts the walk to the block's page, which is what the
  // event would wait for, and holds the incident's header. Prefetching every line of the
  // block as well (11 at 100,000 incidents) cost 8-10 %: most events read the header and
  // the state only, and the rest of the lines competed with the misses the event does wait
  // for (bench/RESULTS.md, "The per-event path at 100,000 open incidents").
  __builtin_prefetch(incident);
}

}  // namespace writ::runtime
