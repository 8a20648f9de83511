// Builds the AST from the grammar actions of the build_*.hpp files, one top-level item at a
// time, and reads message holes.
#include "lang/ast_builder.hpp"

#include "lang/build_action.hpp"
#include "lang/build_actions.hpp"
#include "lang/build_declarations.hpp"
#include "lang/build_expressions.hpp"
#include "lang/build_tests.hpp"

// The actions are all defined; the macro that declares them stays in these files.
#undef WRIT_ON

namespace writ::lang {
namespace detail {

// ---------------------------------------------------------------------------------------
// Messages

void read_hole(const char* begin, const char* end, Message& message, BuilderState& s);

// Cuts a message string into text and `{expr}` holes; each hole is parsed as an expression.
template <typename In>
Message read_message(const In& in, BuilderState& s) {
  auto [begin, end] = s.quoted_text(in);
  Message message;
  message.span = s.span(in);
  MessageSplit split = split_message(std::string_view(begin, static_cast<std::size_t>(end - begin)));
  for (const MessageSegment& segment : split.segments) {
    const char* from = begin + segment.begin;
    const char* to = begin + segment.end;
    if (segment.hole) {
      read_hole(from, to, message, s);
    } else {
      MessagePart part;
      part.text = s.unescape_reporting(from, to);
      part.span = {s.file.id(), s.offset(from), s.offset(to)};
      message.parts.push_back(std::move(part));
    }
  }
  if (split.unclosed_hole) {
    std::uint32_t at = s.offset(begin + *split.unclosed_hole);
    s.diags.error(Code::SyntaxError, {s.file.id(), at, at + 1},
                  "this `{` starts an expression that is never closed with `}`; write `\\{` for a literal brace");
  }
  return message;
}

// Reads the expression inside `{...}` of a message from the file's own bytes, so its spans
// point into the file. A hole that does not parse is reported and left out.
void read_hole(const char* begin, const char* end, Message& message, BuilderState& s) {
  // Holes are read with the expression grammar, whose whitespace includes `//` comments;
  // inside a one-line string a comment would silently swallow the rest of the hole.
  std::string_view hole(begin, static_cast<std::size_t>(end - begin));
  if (std::size_t slash = hole.find("//"); slash != std::string_view::npos) {
    std::uint32_t at = s.offset(begin) + static_cast<std::uint32_t>(slash);
    s.diags.error(Code::SyntaxError, {s.file.id(), at, at + 2}, "a message hole `{...}` cannot hold a `//` comment");
    return;
  }
  std::size_t operands = s.item.operands.size();
  std::size_t marks = s.item.marks.size();
  Input in(begin, end, s.file.path());
  try {
    // `message_hole` commits with `must`: it matches or raises.
    static_cast<void>(pg::parse<gr::message_hole, build, gr::error_control>(in, s));
    MessagePart part;
    part.expr = s.pop();
    part.span = {s.file.id(), s.offset(begin) - 1, s.offset(end) + 1};
    message.parts.push_back(std::move(part));
    return;
  } catch (const pg::parse_error& e) {
    s.report_syntax_error(s.offset(begin) + static_cast<std::uint32_t>(e.positions().front().byte),
                          std::string(e.message()));
  } catch (const NestingTooDeep& e) {
    s.report_nesting(e.at);
  }
  s.item.operands.resize(operands);
  s.item.marks.resize(marks);
  s.item.segments.clear();
}

}  // namespace detail

// ---------------------------------------------------------------------------------------

AstBuilder::AstBuilder(const SourceFile& file, Diagnostics& diags, const ParseOptions& options,
                       const std::vector<Comment>& comments)
    : state_(std::make_unique<detail::BuilderState>(file, diags, options, comments)) {}

AstBuilder::~AstBuilder() = default;

std::uint32_t AstBuilder::file_start() {
  detail::Input in(state_->base(), state_->limit(), state_->file.path());
  static_cast<void>(detail::pg::parse<grammar::file_start>(in));
  return state_->offset(in.current());
}

ItemResult AstBuilder::parse_item(std::uint32_t offset) {
  detail::BuilderState& s = *state_;
  s.item = {};
  s.depth = 0;
  detail::Input in(s.base() + offset, s.limit(), s.file.path());
  try {
    // `annotated_item` commits with `must`: it matches or raises.
    static_cast<void>(detail::pg::parse<grammar::annotated_item, detail::build, grammar::error_control>(in, s));
    return {true, s.offset(in.current())};
  } catch (const detail::pg::parse_error& e) {
    auto at = offset + static_cast<std::uint32_t>(e.positions().front().byte);
    s.report_syntax_error(at, std::string(e.message()));
    return {false, at};
  } catch (const detail::NestingTooDeep& e) {
    s.report_nesting(e.at);
    return {false, s.offset(e.at)};
  }
}

Module AstBuilder::take_module() {
  // What the scratch still holds (after a failed last item) lives in the module's arena:
  // destroy it now, while the arena is here, not after the module has gone.
  state_->item = {};
  return std::move(state_->module);
}

}  // namespace writ::lang
