// W0516: two classify tables that set the same state field on the same event type. Every
// table has an `otherwise`, so each one always assigns; tables run in source order, so the
// later one always overwrites what the earlier one decided, and the earlier table is dead.
// The order is the policy set's load order: the files of the set sorted by path, each
// followed by what it imports.
#include <fmt/format.h>
#include <map>
#include <string>
#include <utility>

#include "lang/static_checks.hpp"

namespace writ::lang::detail {

namespace {

// `tier on incident.updated`: what the two tables share.
Span head_span(const ClassifyDecl& c) { return {c.field.span.file, c.field.span.begin, c.event_type.span.end}; }

}  // namespace

void check_classify_conflicts(const Program& program, const ProgramSymbols& symbols, Diagnostics& diags) {
  std::map<std::pair<std::string, std::string>, const ClassifyDecl*> first;
  for (const auto& module : program.modules) {
    for (const Decl& decl : module->decls) {
      const auto* c = std::get_if<ClassifyDecl>(&decl);
      // Unknown fields and types, and tables on global events, are reported elsewhere.
      if (!c || !c->event || c->event->global || symbols.state_fields.count(c->field.text) == 0) continue;
      auto [it, fresh] = first.emplace(std::pair{c->field.text, c->event->type.str()}, c);
      if (fresh) continue;
      auto& d = diags.warning(Code::ConflictingClassify, head_span(*c),
                              fmt::format("a second classify table sets `state.{}` on `{}`: it always overwrites the "
                                          "first, whose decision never takes effect",
                                          c->field.text, c->event_type.str()));
      d.notes.push_back({head_span(*it->second), true, "the first table setting it on this event type"});
      d.help = "merge the rows into one table (first match wins), or classify on another event type";
    }
  }
}

}  // namespace writ::lang::detail
