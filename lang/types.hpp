#pragma once
// Checked types of expressions and fields.
#include <cstdint>
#include <string>

namespace writ::lang {

struct EnumDecl;

// Every expression node and field carries one, so it is kept to 16 bytes: the one-byte
// kind and flag first, then the pointer.
struct Type {
  enum class Kind : std::uint8_t {
    Error,  // the expression already produced a diagnostic; suppresses follow-on errors
    Bool, Int, String, Duration, Time, SetOfString, Enum,
    Calendar,  // only as the third argument of business_elapsed
  };
  Kind kind = Kind::Error;
  bool optional = false;                // an optional field, readable only under has()
  const EnumDecl* enum_decl = nullptr;  // Kind::Enum

  static Type error() { return {}; }
  static Type of(Kind kind) { return Type{.kind = kind}; }
  static Type enumeration(const EnumDecl* decl) { return Type{.kind = Kind::Enum, .enum_decl = decl}; }

  bool is_error() const { return kind == Kind::Error; }
  // Same type, ignoring optionality.
  bool same(const Type& other) const { return kind == other.kind && enum_decl == other.enum_decl; }
};

// `int`, `duration`, `set<string>`, `Tier`, `string?`, as an author writes them.
std::string type_name(const Type& type);

}  // namespace writ::lang
