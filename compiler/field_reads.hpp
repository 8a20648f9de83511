#pragma once
// Which record fields an expression reads: what an audit record shows a decision read
// (docs/audit.md, "Values a decision read"), and whether a value is computed from a
// `@sensitive` field.
#include <string>
#include <vector>

#include "compiler/eval_context.hpp"
#include "compiler/lower_expr.hpp"
#include "compiler/record_layout.hpp"
#include "lang/ast.hpp"

namespace writ::compiler {

struct FieldRef {
  std::string name;        // as written: `event.severity`, `actor.role`, `state.tier`, `started.vendor`
  RecordSource source;     // the record the routine loads it from
  const FieldSlot* field;  // in that record's layout
};

// The fields `exprs` read, through constants and calls too (`age` reads `state.opened_at`),
// resolved in `scope` as lowering resolves them; sorted by name, each once. A null
// expression reads nothing. Names the scope cannot resolve are left out: lowering reports them.
std::vector<FieldRef> field_reads(const std::vector<const lang::Expr*>& exprs, const LowerScope& scope);

// Whether `e` reads a field marked `@sensitive`.
bool reads_sensitive(const lang::Expr& e, const LowerScope& scope);

}  // namespace writ::compiler
