#pragma once
// The builder's state while it reads one file: the module so far, and the scratch stacks
// where grammar actions leave names, types and expressions until the rule that owns them
// completes. It sees the AST, not the grammar; lang/ast_builder.cpp joins the two.
#include <algorithm>
#include <cstdint>
#include <fmt/format.h>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lang/ast.hpp"
#include "lang/diagnostic.hpp"
#include "lang/huge_pages.hpp"
#include "lang/literal_reader.hpp"
#include "lang/parser.hpp"
#include "lang/source.hpp"

namespace writ::lang::detail {

// Thrown when expressions nest deeper than ParseOptions::max_depth allows.
struct NestingTooDeep {
  const char* at;
};

struct Operand {
  ExprPtr expr;
  std::uint32_t height = 1;  // of the expression tree, so later passes can recurse safely
};

struct Text {
  std::string value;
  Span span;
};

// What the current top-level item has read and not yet placed; dropped when it fails.
struct ItemScratch {
  std::optional<Decl> decl;
  Annotations decl_annotations;
  Annotations field_annotations;
  std::vector<Operand> operands;
  std::vector<std::size_t> marks;  // operand counts where a set, call or tuple began
  std::vector<Ident> segments;     // of the dotted name being read
  std::vector<Path> paths;
  std::vector<Ident> idents;
  std::vector<TypeRef> types;
  std::vector<Text> texts;
  std::optional<Message> message;
  bool string_unclosed = false;
  Actions actions;
  std::vector<FieldValue> fields;
  ExprPtr trigger_condition;
  std::optional<Trigger> trigger;
  ExprPtr owner;
  ExprPtr due;
  ExprPtr level_delay;
  ExprPtr within;
  ExprPtr every;
  ExprPtr clause_condition;  // `where` of a requirement, `unless` of a freeze
  std::vector<ExprPtr> row_keys;
  std::vector<Weekday> weekdays;
  std::vector<int> clocks;
  std::vector<CalendarDate> dates;
  std::vector<int> percents;
  std::vector<Span> percent_spans;
  bool relative_time = false;
  std::optional<Path> step_event;
  std::vector<FieldValue> event_fields;
  std::optional<std::vector<FieldValue>> actor_fields;
  std::optional<TestExpect> expectation;
  // Optional trailing parts, set by their own clause so they are never confused with an
  // earlier string or name on the stacks.
  std::optional<std::string> version;
  std::optional<std::string> denied_because;
  std::optional<Path> blocked_by;
};

struct BuilderState {
  BuilderState(const SourceFile& source, Diagnostics& sink, const ParseOptions& options,
               const std::vector<Comment>& file_comments)
      : file(source), diags(sink), comments(file_comments), max_depth(options.max_depth) {
    module.file = source.id();
    module.span = {source.id(), 0, static_cast<std::uint32_t>(source.text().size())};
    module.decls.reserve(expected_decl_count(source.text()));
    advise_huge_pages(module.decls.data(), module.decls.capacity() * sizeof(Decl));
  }

  // About how many declarations a file holds, so `module.decls` is allocated once: a
  // declaration is several hundred bytes, and regrowing the vector of a large file copies
  // all of them into fresh memory each time. An estimate that is too high costs address
  // space only (pages never written are never faulted in); one too low, a regrowth.
  static std::size_t expected_decl_count(std::string_view text);

  const SourceFile& file;
  Diagnostics& diags;
  const std::vector<Comment>& comments;
  std::size_t max_depth;
  std::size_t depth = 0;
  Module module;
  ItemScratch item;

  const char* base() const { return file.text().data(); }
  const char* limit() const { return base() + file.text().size(); }
  std::uint32_t offset(const char* p) const { return static_cast<std::uint32_t>(p - base()); }
  // Binary chains are flat in the text but deep in the tree, which every later pass walks
  // recursively; a tree this tall cannot come from a policy a person wrote.
  std::size_t max_height() const { return max_depth * 8; }

  // Rules end after their trailing whitespace and comments; spans end at the last token.
  std::uint32_t trim_end(std::uint32_t end) const {
    const std::string& text = file.text();
    for (;;) {
      while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '\r' ||
                         text[end - 1] == '\n')) {
        --end;
      }
      // A comment runs to its line's end, so only an end before a line break (or at the
      // end of the file) can be a comment's: most spans are done without the search.
      if (end < text.size() && text[end] != '\n' && text[end] != '\r') return end;
      auto it = std::lower_bound(comments.begin(), comments.end(), end,
                                 [](const Comment& c, std::uint32_t e) { return c.span.end < e; });
      if (it == comments.end() || it->span.end != end) return end;
      end = it->span.begin;
    }
  }
  Span span(const char* begin, const char* end) const {
    std::uint32_t b = offset(begin);
    return {file.id(), b, std::max(b, trim_end(offset(end)))};
  }
  template <typename In>
  Span span(const In& in) const {
    return span(in.begin(), in.end());
  }
  std::string_view text_of(Span s) const { return std::string_view(file.text()).substr(s.begin, s.end - s.begin); }

  // ---- declarations

  // The declaration being read, created by the first of its clauses that completes.
  template <typename D>
  D& decl() {
    if (!item.decl || !std::holds_alternative<D>(*item.decl)) item.decl.emplace(std::in_place_type<D>);
    return std::get<D>(*item.decl);
  }
  template <typename D, typename In>
  D& finish_decl(const In& in) {
    D& d = decl<D>();
    d.span = span(in);
    if (!item.decl_annotations.empty()) d.span = Span::cover(item.decl_annotations.front().span, d.span);
    d.annotations = std::exchange(item.decl_annotations, {});
    return d;
  }
  void commit_decl() {
    module.decls.push_back(std::move(*item.decl));
    item.decl.reset();
  }
  void duplicate_clause(Span at, std::string_view clause, std::string_view construct) {
    diags.error(Code::DuplicateClause, at,
                fmt::format("`{}` appears more than once in this {}; it may appear only once", clause, construct));
  }

  // ---- expressions

  // Nodes are allocated in the module's arena, which the module takes along.
  ExprPtr make_expr(Expr::Kind kind, Span at) {
    ExprPtr e = module.arena.make();
    e->kind = kind;
    e->span = at;
    return e;
  }
  void push(ExprPtr e, std::uint32_t height = 1) {
    if (height > max_height()) throw NestingTooDeep{base() + e->span.begin};
    item.operands.push_back({std::move(e), height});
  }
  Operand pop_operand() {
    Operand top = std::move(item.operands.back());
    item.operands.pop_back();
    return top;
  }
  ExprPtr pop() { return pop_operand().expr; }
  void mark() { item.marks.push_back(item.operands.size()); }
  std::vector<ExprPtr> pop_to_mark(std::uint32_t& height) {
    std::size_t from = item.marks.back();
    item.marks.pop_back();
    std::vector<ExprPtr> out;
    for (std::size_t i = from; i < item.operands.size(); ++i) {
      height = std::max(height, item.operands[i].height + 1);
      out.push_back(std::move(item.operands[i].expr));
    }
    item.operands.resize(from);
    return out;
  }
  void reduce_unary(UnaryOp op, Span at) {
    Operand operand = pop_operand();
    auto e = make_expr(Expr::Kind::Unary, at);
    e->unary_op = op;
    e->lhs = std::move(operand.expr);
    push(std::move(e), operand.height + 1);
  }
  void reduce_binary(BinaryOp op) {
    Operand rhs = pop_operand();
    Operand lhs = pop_operand();
    auto e = make_expr(Expr::Kind::Binary, Span::cover(lhs.expr->span, rhs.expr->span));
    e->binary_op = op;
    e->lhs = std::move(lhs.expr);
    e->rhs = std::move(rhs.expr);
    push(std::move(e), std::max(lhs.height, rhs.height) + 1);
  }
  template <typename In>
  Path take_path(const In& in) {
    // Moves the segments out but keeps the scratch vector's capacity for the next name:
    // the path's own vector is then allocated once, at its final size, in the arena.
    Path path{Path::Parts(std::make_move_iterator(item.segments.begin()), std::make_move_iterator(item.segments.end()),
                          module.arena.allocator<Ident>()),
              span(in)};
    item.segments.clear();
    return path;
  }
  Path pop_path() {
    Path p = std::move(item.paths.back());
    item.paths.pop_back();
    return p;
  }
  Ident pop_ident() {
    Ident id = std::move(item.idents.back());
    item.idents.pop_back();
    return id;
  }
  TypeRef pop_type() {
    TypeRef t = std::move(item.types.back());
    item.types.pop_back();
    return t;
  }
  Text pop_text() {
    Text t = std::move(item.texts.back());
    item.texts.pop_back();
    return t;
  }
  Trigger take_trigger() {
    Trigger t = std::move(*item.trigger);
    item.trigger.reset();
    return t;
  }

  // ---- literals

  template <typename In>
  void push_action(Action::Kind kind, const In& in, Action action) {
    action.kind = kind;
    action.span = span(in);
    item.actions.push_back(std::move(action));
  }

  // The raw text between a string's quotes; reports a string left open at its line's end.
  template <typename In>
  std::pair<const char*, const char*> quoted_text(const In& in) {
    Span at = span(in);
    bool unclosed = std::exchange(item.string_unclosed, false);
    if (unclosed) {
      diags.error(Code::UnterminatedString, at, "this string is not closed: `\"` is missing before the end of the line");
    }
    return {base() + at.begin + 1, base() + at.end - (unclosed ? 0 : 1)};
  }
  std::string unescape_reporting(const char* begin, const char* end) {
    UnescapedText text = unescape(std::string_view(begin, static_cast<std::size_t>(end - begin)));
    for (std::size_t at : text.bad_escapes) {
      std::uint32_t from = offset(begin + at);
      std::uint32_t to = std::min(from + 2, offset(end));
      diags.error(Code::InvalidEscape, {file.id(), from, to},
                  fmt::format("unknown escape `{}` in a string; the escapes are \\\" \\\\ \\n \\t \\{{",
                              text_of({file.id(), from, to})));
    }
    return std::move(text.value);
  }
  template <typename In>
  Text read_text(const In& in) {
    auto [begin, end] = quoted_text(in);
    return {unescape_reporting(begin, end), span(in)};
  }
  void literal_error(Code code, Span at, std::string_view what, std::string_view form) {
    diags.error(code, at, fmt::format("`{}` is not a valid {}: {}", text_of(at), what, form));
  }

  // ---- syntax errors

  std::uint32_t token_length(std::uint32_t at) const;
  void report_syntax_error(std::uint32_t at, std::string message);
  void report_nesting(const char* at) {
    diags.error(Code::NestingTooDeep, {file.id(), offset(at), offset(at)},
                fmt::format("expressions are nested more than {} deep here; split this into named constants or "
                            "simpler conditions",
                            max_depth));
  }
};

}  // namespace writ::lang::detail
