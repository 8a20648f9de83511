#pragma once
// A span-free, readable text of a Module: two trees are equal ignoring spans exactly when
// their dumps are equal. Used by tests (parse(fmt(x)) == parse(x)) and golden files.
#include <string>

#include "lang/ast.hpp"

namespace writ::lang {

std::string dump_module(const Module& module);

}  // namespace writ::lang
