#pragma once
// Checked types of expressions and fields.
#include <string>

namespace writ::lang {

struct EnumDecl;

struct Type {
  enum class Kind {
    Error,  // the expression already produced a diagnostic; suppresses follow-on errors
    Bool, Int, String, Duration, Time, SetOfString, Enum,
    Calendar,  // only as the third argument of business_elapsed
  };
  Kind kind = Kind::Error;
  const EnumDecl* enum_decl = nullptr;  // Kind::Enum
  bool optional = false;                // an optional field, readable only under has()

  static Type error() { return {}; }
  static Type of(Kind kind) { return Type{kind, nullptr, false}; }
  static Type enumeration(const EnumDecl* decl) { return Type{Kind::Enum, decl, false}; }

  bool is_error() const { return kind == Kind::Error; }
  // Same type, ignoring optionality.
  bool same(const Type& other) const { return kind == other.kind && enum_decl == other.enum_decl; }
};

// `int`, `duration`, `set<string>`, `Tier`, `string?`, as an author writes them.
std::string type_name(const Type& type);

}  // namespace writ::lang
