#pragma once
// What `dependents(s)` gives, computed once per program from every `services { … }` map of
// every unit (the checker merges them into one graph too): for each service, the services
// that depend on it directly or through others. Lowering turns it into a table lookup, so
// neither engine needs the graph at run time.
#include <map>
#include <string>
#include <vector>

#include "lang/program.hpp"

namespace writ::compiler {

// Service -> its dependents, sorted, without repeats; a service nothing depends on is absent.
// A cycle (which the checker rejects, E0503) still terminates: a service on one counts among
// its own dependents.
using ServiceDependents = std::map<std::string, std::vector<std::string>>;

ServiceDependents service_dependents(const lang::Program& program);

}  // namespace writ::compiler
