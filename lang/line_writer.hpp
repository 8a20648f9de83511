#pragma once
// The output side of the formatter: lines at an indentation, with the source's comments put
// back where they were written and the author's blank lines kept (at most one in a row).
//
// Every line the formatter writes may name an anchor: the source offset where the text it
// prints begins. Comments that start before an anchor are written before that line (own-line
// comments) or at the end of the line written last (trailing comments), so each comment is
// written exactly once and stays next to the code it was written beside.
#include <cstdint>
#include <string>
#include <vector>

#include "lang/ast.hpp"
#include "lang/source.hpp"

namespace writ::lang {

class LineWriter {
 public:
  static constexpr int kMaxWidth = 100;

  LineWriter(const SourceFile& file, const std::vector<Comment>& comments);

  // The first line of an item (a declaration, clause, row, action or field) whose source
  // begins at `anchor`. A blank line the author left before the item is kept.
  void item(std::uint32_t anchor, const std::string& text);
  // A further line of the current item; never preceded by a blank line.
  void continuation(std::uint32_t anchor, const std::string& text);
  // Opens a block: the lines that follow are indented one more level.
  void open_block();
  // Closes a block whose source ends at `end`: its remaining comments are written inside,
  // then `}` followed by `suffix`.
  void close_block(std::uint32_t end, const std::string& suffix = "");
  void indent() { ++indent_; }
  void dedent() { --indent_; }

  // Writes the trailing comments that come before `anchor` at the end of the last line, so
  // a separating blank line written next does not cut them off from their code.
  void attach_trailing(std::uint32_t anchor);
  // One blank line, unless the output is at the start of a block or already has one.
  void blank_line();

  // Whether `text` fits on a line at the current indentation plus `extra` levels.
  bool fits(const std::string& text, int extra = 0) const;
  // Whether a comment not yet written starts inside `span`.
  bool has_comment_in(const Span& span) const;
  // Whether the source has a blank line between the two offsets.
  bool blank_between(std::uint32_t from, std::uint32_t to) const;
  // The offset of the first code at or after `offset`, skipping blanks and comments.
  std::uint32_t next_code(std::uint32_t offset) const;

  // Writes the comments left and returns the text, ending in one newline (empty when there
  // is nothing to write).
  std::string finish();

 private:
  struct Line {
    int indent = 0;
    std::string text;     // empty for a blank line
    std::string comment;  // a trailing comment
    bool is_comment = false;
  };

  void flush_comments(std::uint32_t anchor, bool keep_blank);
  bool can_attach() const;
  void push(std::string text, bool is_comment);
  // Whether the line above the one holding `offset` is blank and no earlier item or comment
  // was written from the line holding `offset` (two items on one line get no blank between).
  bool blank_before(std::uint32_t offset) const;
  void note_anchor(std::uint32_t offset);

  const SourceFile& file_;
  std::vector<const Comment*> comments_;  // sorted by position
  std::size_t next_comment_ = 0;
  std::vector<Line> lines_;
  int indent_ = 0;
  bool at_block_start_ = true;
  std::uint32_t last_anchor_line_ = 0;  // source line of the last item or comment written
};

}  // namespace writ::lang
