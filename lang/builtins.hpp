#pragma once
// Signatures of the built-in functions (`has`, `lower`, `min`, ...).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lang/ast.hpp"
#include "lang/types.hpp"

namespace writ::lang::detail {

enum class ParamKind {
  String,
  SetOfString,
  Time,
  Orderable,      // int, duration or time; every Orderable argument of a call has one type
  OptionalField,  // has(x): a read of an optional field
  Calendar,       // business_elapsed's third argument: a calendar's name
};

struct Builtin {
  std::string_view name;
  CallKind kind;
  std::vector<ParamKind> params;
  std::optional<Type::Kind> result;  // nullopt: the type of the Orderable arguments
  std::string_view usage;            // how to call it, for messages
};

const Builtin* find_builtin(std::string_view name);
std::vector<std::string> builtin_names();

}  // namespace writ::lang::detail
