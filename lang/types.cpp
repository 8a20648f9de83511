#include "lang/types.hpp"

#include "lang/ast.hpp"

namespace writ::lang {

std::string type_name(const Type& type) {
  std::string name;
  switch (type.kind) {
    case Type::Kind::Error: name = "<error>"; break;
    case Type::Kind::Bool: name = "bool"; break;
    case Type::Kind::Int: name = "int"; break;
    case Type::Kind::String: name = "string"; break;
    case Type::Kind::Duration: name = "duration"; break;
    case Type::Kind::Time: name = "time"; break;
    case Type::Kind::SetOfString: name = "set<string>"; break;
    case Type::Kind::Enum: name = type.enum_decl ? type.enum_decl->name.text : "enum"; break;
    case Type::Kind::Calendar: name = "calendar"; break;
  }
  if (type.optional) name += '?';
  return name;
}

}  // namespace writ::lang
