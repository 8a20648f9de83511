#pragma once
// Entry point of the grammar: text to a Module. No PEGTL type or exception leaves here.
#include <cstddef>
#include <optional>

#include "lang/ast.hpp"
#include "lang/diagnostic.hpp"
#include "lang/source.hpp"

namespace writ::lang {

struct ParseOptions {
  // Deepest nesting of expressions, sets and blocks; deeper input is a NestingTooDeep
  // diagnostic rather than a stack overflow.
  std::size_t max_depth = 128;
};

// Parses one file. On a syntax error, reports it and resumes at the next top-level
// declaration, so one run reports several errors; returns the declarations it could read.
// Returns nullopt only when nothing useful could be read.
std::optional<Module> parse_module(const SourceFile& file, Diagnostics& diags,
                                   const ParseOptions& options = {});

}  // namespace writ::lang
