#pragma once
// Source text and locations. A Span is three integers; line and column are computed from
// the file's line table only when a diagnostic is rendered.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace writ::lang {

using FileId = std::uint32_t;

struct Span {
  FileId file = 0;
  std::uint32_t begin = 0;  // byte offset of the first byte
  std::uint32_t end = 0;    // byte offset one past the last byte

  static Span cover(const Span& a, const Span& b) {
    return {a.file, a.begin < b.begin ? a.begin : b.begin, a.end > b.end ? a.end : b.end};
  }
};

struct LineCol {
  std::uint32_t line = 1;    // 1-based
  std::uint32_t column = 1;  // 1-based, counted in bytes
};

class SourceFile {
 public:
  SourceFile(FileId id, std::string path, std::string text);

  FileId id() const { return id_; }
  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  LineCol line_col(std::uint32_t offset) const;
  // The text of a 1-based line, without its line terminator.
  std::string_view line_text(std::uint32_t line) const;
  std::uint32_t line_count() const { return static_cast<std::uint32_t>(line_starts_.size()); }

 private:
  FileId id_;
  std::string path_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
};

// Owns every file read during one run, so spans stay valid for the run's lifetime.
class SourceManager {
 public:
  // Reads a file from disk; returns nullptr and sets `error` when it cannot.
  const SourceFile* load(const std::string& path, std::string& error);
  const SourceFile& add(std::string path, std::string text);
  const SourceFile& file(FileId id) const { return *files_.at(id); }
  const SourceFile* find(const std::string& path) const;
  std::size_t size() const { return files_.size(); }

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
};

}  // namespace writ::lang
