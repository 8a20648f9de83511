#include "lang/builtins.hpp"

namespace writ::lang::detail {

namespace {

using K = Type::Kind;
using P = ParamKind;

const std::vector<Builtin>& builtins() {
  static const std::vector<Builtin> table = {
      {"has", CallKind::Has, {P::OptionalField}, K::Bool, "has(event.field) with an optional field"},
      {"lower", CallKind::Lower, {P::String}, K::String, "lower(string)"},
      {"starts_with", CallKind::StartsWith, {P::String, P::String}, K::Bool, "starts_with(string, prefix)"},
      {"len", CallKind::Len, {P::SetOfString}, K::Int, "len(set)"},
      {"min", CallKind::Min, {P::Orderable, P::Orderable}, std::nullopt, "min(a, b) with two ints, durations or times"},
      {"max", CallKind::Max, {P::Orderable, P::Orderable}, std::nullopt, "max(a, b) with two ints, durations or times"},
      {"business_elapsed", CallKind::BusinessElapsed, {P::Time, P::Time, P::Calendar}, K::Duration,
       "business_elapsed(from, to, calendar)"},
      {"dependents", CallKind::Dependents, {P::String}, K::SetOfString, "dependents(service)"},
  };
  return table;
}

}  // namespace

const Builtin* find_builtin(std::string_view name) {
  for (const Builtin& b : builtins()) {
    if (b.name == name) return &b;
  }
  return nullptr;
}

std::vector<std::string> builtin_names() {
  std::vector<std::string> names;
  for (const Builtin& b : builtins()) names.emplace_back(b.name);
  return names;
}

}  // namespace writ::lang::detail
