#pragma once
// The canonical layout of a Writ file. Comments are kept; fmt(fmt(x)) == fmt(x) and
// parse(fmt(x)) equals parse(x) ignoring spans.
#include <string>

#include "lang/ast.hpp"
#include "lang/source.hpp"

namespace writ::lang {

std::string format_module(const Module& module, const SourceFile& file);

}  // namespace writ::lang
