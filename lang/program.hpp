#pragma once
// A policy set: the files given on the command line (one namespace, the "root unit") and
// every module they import, transitively (one namespace each, reached by policy name).
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "lang/ast.hpp"

namespace writ::lang {

struct Unit {
  // "" for the root unit; otherwise the imported module's policy name.
  std::string name;
  std::vector<Module*> modules;  // the root unit may hold several files
  // Imported units reachable from this one as `name.decl`, by policy name.
  std::map<std::string, const Unit*> imports;
};

struct Program {
  // In load order: each root file (sorted by path) followed by what it imports, depth first.
  std::vector<std::unique_ptr<Module>> modules;
  std::vector<std::unique_ptr<Unit>> units;      // units[0] is the root unit
  // Units in an order where every unit comes after the units it imports.
  std::vector<const Unit*> dependency_order;
};

}  // namespace writ::lang
