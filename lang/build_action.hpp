#pragma once
// The grammar actions' shared machinery: the `build` action template every rule's action
// specialises (WRIT_ON), the families of rules that share one action, and the nesting count.
// Each rule that completes moves what it read from the builder's scratch stacks into AST
// nodes. Actions only fire for matches that are kept: the grammar commits with `must` after
// its first tokens, and its two expression lookaheads run without actions.
// Included by the build_*.hpp files and ast_builder.cpp only.
#include <algorithm>
#include <fmt/format.h>
#include <type_traits>
#include <utility>

#include "lang/builder_state.hpp"
#include "lang/grammar.hpp"
#include "lang/grammar_errors.hpp"
#include "lang/literal_reader.hpp"
#include "lang/literals.hpp"

namespace writ::lang::detail {

namespace pg = tao::pegtl;
namespace gr = grammar;

using Input = pg::memory_input<pg::tracking_mode::lazy>;

// Counts expression nesting around a rule's match, as PEGTL's limit_depth does, but with the
// limit taken from ParseOptions.
class DepthGuard {
 public:
  DepthGuard(BuilderState& state, const char* at) : state_(state) {
    if (state_.depth >= state_.max_depth) throw NestingTooDeep{at};
    ++state_.depth;
  }
  ~DepthGuard() { --state_.depth; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;

 private:
  BuilderState& state_;
};

struct counts_nesting : pg::maybe_nothing {
  template <typename Rule, pg::apply_mode A, pg::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput>
  static bool match(ParseInput& in, BuilderState& s) {
    DepthGuard guard(s, in.current());
    return pg::match<Rule, A, M, Action, Control>(in, s);
  }
};

template <typename In>
Message read_message(const In& in, BuilderState& s);

// ---------------------------------------------------------------------------------------
// Actions

template <typename Rule>
struct build : pg::nothing<Rule> {};

#define WRIT_ON(rule)                                                  \
  template <>                                                          \
  struct build<gr::rule> {                                             \
    template <typename In>                                             \
    static void apply(const In& in, BuilderState& s);                  \
  };                                                                   \
  template <typename In>                                               \
  void build<gr::rule>::apply([[maybe_unused]] const In& in, [[maybe_unused]] BuilderState& s)

// Families: every rule derived from one of these shares its action.
template <typename Rule>
  requires std::is_base_of_v<gr::expr, Rule>
struct build<Rule> : counts_nesting {};

template <typename Rule>
  requires std::is_base_of_v<gr::lower_path, Rule> || std::is_base_of_v<gr::type_path, Rule>
struct build<Rule> {
  template <typename In>
  static void apply(const In& in, BuilderState& s) {
    s.item.paths.push_back(s.take_path(in));
  }
};

template <typename Rule>
  requires std::is_base_of_v<gr::text_lit, Rule>
struct build<Rule> {
  template <typename In>
  static void apply(const In& in, BuilderState& s) {
    s.item.texts.push_back(s.read_text(in));
  }
};

template <typename In>
void push_ident(const In& in, BuilderState& s) {
  Span at = s.span(in);
  s.item.idents.push_back({std::string(s.text_of(at)), at});
}

template <typename Rule>
  requires std::is_base_of_v<gr::field_name, Rule>
struct build<Rule> {
  template <typename In>
  static void apply(const In& in, BuilderState& s) {
    push_ident(in, s);
  }
};

template <typename Rule>
  requires std::is_base_of_v<gr::type_ref, Rule>
struct build<Rule> {
  template <typename In>
  static void apply(const In& in, BuilderState& s) {
    s.item.types.back().span = s.span(in);
  }
};

}  // namespace writ::lang::detail
