#include "lang/line_writer.hpp"

#include <algorithm>
#include <limits>

namespace writ::lang {

namespace {

bool is_blank_char(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Columns taken by UTF-8 text: one per code point.
std::size_t display_width(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

}  // namespace

LineWriter::LineWriter(const SourceFile& file, const std::vector<Comment>& comments) : file_(file) {
  for (const auto& comment : comments) comments_.push_back(&comment);
  std::stable_sort(comments_.begin(), comments_.end(),
                   [](const Comment* a, const Comment* b) { return a->span.begin < b->span.begin; });
}

void LineWriter::item(std::uint32_t anchor, const std::string& text) {
  flush_comments(anchor, true);
  if (blank_before(anchor)) blank_line();
  note_anchor(anchor);
  push(text, false);
}

void LineWriter::continuation(std::uint32_t anchor, const std::string& text) {
  flush_comments(anchor, false);
  note_anchor(anchor);
  push(text, false);
}

void LineWriter::open_block() {
  ++indent_;
  at_block_start_ = true;
}

void LineWriter::close_block(std::uint32_t end, const std::string& suffix) {
  flush_comments(end, true);
  --indent_;
  push("}" + suffix, false);
}

void LineWriter::attach_trailing(std::uint32_t anchor) {
  while (next_comment_ < comments_.size() && comments_[next_comment_]->span.begin < anchor &&
         comments_[next_comment_]->trailing && can_attach()) {
    lines_.back().comment = comments_[next_comment_++]->text;
  }
}

void LineWriter::blank_line() {
  if (!at_block_start_ && !lines_.empty() && !lines_.back().text.empty()) push("", false);
}

bool LineWriter::fits(const std::string& text, int extra) const {
  return static_cast<std::size_t>((indent_ + extra) * 2) + display_width(text) <= kMaxWidth;
}

bool LineWriter::has_comment_in(const Span& span) const {
  // Only comments still to be written: when clauses are reordered, those of a later clause
  // may already stand before an earlier one, and must not shape the later one's layout.
  return std::any_of(comments_.begin() + static_cast<std::ptrdiff_t>(next_comment_), comments_.end(), [&](const Comment* c) {
    return c->span.begin >= span.begin && c->span.begin < span.end;
  });
}

bool LineWriter::blank_between(std::uint32_t from, std::uint32_t to) const {
  const std::string& text = file_.text();
  to = std::min<std::uint32_t>(to, static_cast<std::uint32_t>(text.size()));
  // The line `from` is on holds code, so only lines that start after it can be blank.
  bool line_blank = false;
  for (std::uint32_t i = from; i < to; ++i) {
    if (text[i] == '\n') {
      if (line_blank) return true;
      line_blank = true;
    } else if (!is_blank_char(text[i])) {
      line_blank = false;
    }
  }
  return false;
}

std::uint32_t LineWriter::next_code(std::uint32_t offset) const {
  const std::string& text = file_.text();
  std::size_t i = offset;
  while (i < text.size()) {
    if (is_blank_char(text[i])) {
      ++i;
    } else if (text.compare(i, 2, "//") == 0) {
      i = std::min(text.find('\n', i), text.size());
    } else {
      break;
    }
  }
  return static_cast<std::uint32_t>(i);
}

std::string LineWriter::finish() {
  flush_comments(std::numeric_limits<std::uint32_t>::max(), true);
  while (!lines_.empty() && lines_.back().text.empty()) lines_.pop_back();
  std::string out;
  for (const auto& line : lines_) {
    if (!line.text.empty()) {
      out.append(static_cast<std::size_t>(line.indent) * 2, ' ');
      out += line.text;
      if (!line.comment.empty()) out += " " + line.comment;
    }
    out += '\n';
  }
  return out;
}

void LineWriter::flush_comments(std::uint32_t anchor, bool keep_blank) {
  while (next_comment_ < comments_.size() && comments_[next_comment_]->span.begin < anchor) {
    const Comment& comment = *comments_[next_comment_++];
    if (comment.trailing && can_attach()) {
      lines_.back().comment = comment.text;
      continue;
    }
    if (keep_blank && blank_before(comment.span.begin)) blank_line();
    note_anchor(comment.span.begin);
    push(comment.text, true);
  }
}

bool LineWriter::can_attach() const {
  return !lines_.empty() && !lines_.back().is_comment && !lines_.back().text.empty() &&
         lines_.back().comment.empty();
}

void LineWriter::push(std::string text, bool is_comment) {
  lines_.push_back({indent_, std::move(text), "", is_comment});
  at_block_start_ = false;
}

bool LineWriter::blank_before(std::uint32_t offset) const {
  const std::string& text = file_.text();
  if (offset >= text.size()) return false;
  std::uint32_t line = file_.line_col(offset).line;
  if (line < 2 || line == last_anchor_line_) return false;
  std::string_view above = file_.line_text(line - 1);
  return std::all_of(above.begin(), above.end(), is_blank_char);
}

void LineWriter::note_anchor(std::uint32_t offset) {
  // Anchors past the end (no position in the source) say nothing about lines.
  if (offset < file_.text().size()) last_anchor_line_ = file_.line_col(offset).line;
}

}  // namespace writ::lang
