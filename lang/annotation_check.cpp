// The known annotations take fixed arguments (E0513); `@reviewed` dates older than the
// `--stale` threshold are W0509. Unknown annotations are kept for `explain`, unchecked.
#include <fmt/format.h>

#include "lang/literals.hpp"
#include "lang/static_checks.hpp"

namespace writ::lang::detail {

namespace {

constexpr std::int64_t kDayMs = 86'400'000;

enum class Owner { Declaration, Field };

class AnnotationChecker {
 public:
  AnnotationChecker(const CheckOptions& options, Diagnostics& diags) : options_(options), diags_(diags) {}

  void check_all(const Annotations& annotations, Owner owner) {
    for (const Annotation& a : annotations) check(a, owner);
  }

 private:
  void check(const Annotation& a, Owner owner) {
    const std::string& name = a.name.text;
    std::size_t n = a.args.size();
    if (name == "owner" && n == 0) {
      invalid(a, "`@owner` names at least one owner, as in `@owner(\"Crisis Management Office\")`");
    } else if (name == "rationale" && n != 1) {
      invalid(a, "`@rationale` takes one text, as in `@rationale(\"board decision 2026-03\")`");
    } else if (name == "sensitive" && n != 0) {
      invalid(a, "`@sensitive` takes no arguments");
    } else if (name == "sensitive" && owner != Owner::Field) {
      invalid(a, "`@sensitive` marks a field; it means nothing on a declaration");
    } else if (name == "reviewed") {
      check_reviewed(a);
    }
  }

  void check_reviewed(const Annotation& a) {
    auto date = a.args.size() == 1 ? parse_date(a.args[0]) : std::nullopt;
    if (!date) {
      invalid(a, "`@reviewed` takes one date, as in `@reviewed(\"2026-10-01\")`");
      return;
    }
    if (!options_.stale_after_ms) return;
    std::int64_t reviewed_ms = days_from_civil(*date) * kDayMs;
    if (options_.today_ms - reviewed_ms <= *options_.stale_after_ms) return;
    auto& d = diags_.warning(Code::StaleReview, a.span,
                             fmt::format("last reviewed on {}, more than {} days ago", a.args[0],
                                         *options_.stale_after_ms / kDayMs));
    d.help = "review the policy and update the date";
  }

  void invalid(const Annotation& a, std::string message) { diags_.error(Code::InvalidAnnotation, a.span, std::move(message)); }

  const CheckOptions& options_;
  Diagnostics& diags_;
};

}  // namespace

void check_annotations(const Program& program, const CheckOptions& options, Diagnostics& diags) {
  AnnotationChecker checker(options, diags);
  for (const auto& module : program.modules) {
    if (module->header) checker.check_all(module->header->annotations, Owner::Declaration);
    for (const Decl& decl : module->decls) {
      checker.check_all(decl_annotations(decl), Owner::Declaration);
      if (const auto* event = std::get_if<EventDecl>(&decl)) {
        for (const FieldDecl& f : event->fields) checker.check_all(f.annotations, Owner::Field);
      } else if (const auto* state = std::get_if<StateDecl>(&decl)) {
        for (const StateField& f : state->fields) checker.check_all(f.annotations, Owner::Field);
      }
    }
  }
}

}  // namespace writ::lang::detail
