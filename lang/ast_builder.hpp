#pragma once
// Builds the AST of one file, one top-level item at a time, so the parser can resume after
// a syntax error. The grammar actions live in the build_*.hpp files, which only
// ast_builder.cpp includes: it is the one file that sees both the grammar and the AST
// (their state is in builder_state.hpp); nothing of PEGTL shows here.
#include <cstdint>
#include <memory>
#include <vector>

#include "lang/ast.hpp"
#include "lang/diagnostic.hpp"
#include "lang/parser.hpp"
#include "lang/source.hpp"

namespace writ::lang {

namespace detail {
struct BuilderState;
}

struct ItemResult {
  bool ok = true;
  // When ok, where the next item starts (after trailing whitespace and comments); when
  // not, where the item stopped following the grammar, already reported.
  std::uint32_t offset = 0;
};

class AstBuilder {
 public:
  // `comments` are the file's comments in order; node spans never end inside them.
  // Diagnostics about literal values are reported to `diags` as they are read.
  AstBuilder(const SourceFile& file, Diagnostics& diags, const ParseOptions& options,
             const std::vector<Comment>& comments);
  ~AstBuilder();
  AstBuilder(const AstBuilder&) = delete;
  AstBuilder& operator=(const AstBuilder&) = delete;

  // Skips a byte order mark, whitespace and comments; returns where the first item starts.
  std::uint32_t file_start();
  // Reads one top-level item (its annotations, then a policy header, an import or a
  // declaration) at `offset`. On a syntax error, reports it and keeps nothing of the item.
  ItemResult parse_item(std::uint32_t offset);
  // The module read so far, without comments.
  Module take_module();

 private:
  std::unique_ptr<detail::BuilderState> state_;
};

}  // namespace writ::lang
