#include "lang/source.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "lang/huge_pages.hpp"

namespace writ::lang {

SourceFile::SourceFile(FileId id, std::string path, std::string text)
    : id_(id), path_(std::move(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (std::uint32_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

LineCol SourceFile::line_col(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  auto line = static_cast<std::uint32_t>(it - line_starts_.begin());
  return {line, offset - line_starts_[line - 1] + 1};
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  std::uint32_t begin = line_starts_[line - 1];
  std::uint32_t end = line < line_starts_.size() ? line_starts_[line] : static_cast<std::uint32_t>(text_.size());
  std::string_view view(text_.data() + begin, end - begin);
  while (!view.empty() && (view.back() == '\n' || view.back() == '\r')) view.remove_suffix(1);
  return view;
}

const SourceFile* SourceManager::load(const std::string& path, std::string& error) {
  if (const SourceFile* existing = find(path)) return existing;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open file";
    return nullptr;
  }
  // Read straight into the string that SourceFile keeps: a stringstream would grow a
  // buffer by doubling and then copy it, touching three times the file's size in fresh
  // pages (each a page fault). The size is only a hint: a file that is not a regular file,
  // or that changes while read, is read to its end all the same.
  std::string text;
  std::error_code size_error;
  auto size = std::filesystem::file_size(path, size_error);
  if (!size_error && size > 0) {
    text.reserve(static_cast<std::size_t>(size));
    advise_huge_pages(text.data(), text.capacity());
    text.resize(static_cast<std::size_t>(size));
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
  }
  char chunk[16384];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) text.append(chunk, static_cast<std::size_t>(in.gcount()));
  if (in.bad()) {
    error = "cannot read file";
    return nullptr;
  }
  return &add(path, std::move(text));
}

const SourceFile& SourceManager::add(std::string path, std::string text) {
  auto id = static_cast<FileId>(files_.size());
  files_.push_back(std::make_unique<SourceFile>(id, std::move(path), std::move(text)));
  return *files_.back();
}

const SourceFile* SourceManager::find(const std::string& path) const {
  for (const auto& f : files_) {
    if (f->path() == path) return f.get();
  }
  return nullptr;
}

}  // namespace writ::lang
