// Escalation ladders need levels, numbered 1, 2, 3, ... in the order they are written.
#include <fmt/format.h>

#include "lang/static_checks.hpp"

namespace writ::lang::detail {

void check_ladder(const EscalationDecl& decl, Diagnostics& diags) {
  if (decl.levels.empty()) {
    auto& d = diags.error(Code::EmptyLadder, decl.name.span, fmt::format("escalation `{}` has no levels", decl.name.text));
    d.help = "add at least `level 1: notify \"on-call\"`";
    return;
  }
  for (std::size_t i = 0; i < decl.levels.size(); ++i) {
    const LadderLevel& level = decl.levels[i];
    auto expected = static_cast<std::int64_t>(i + 1);
    if (level.number == expected) continue;
    auto& d = diags.error(Code::LadderNumbering, level.span,
                          fmt::format("this is level {} of escalation `{}`, but it is numbered {}", expected,
                                      decl.name.text, level.number));
    d.help = "number levels 1, 2, 3, ... in the order they are written";
    return;  // one report: the following numbers are off because of this one
  }
}

}  // namespace writ::lang::detail
