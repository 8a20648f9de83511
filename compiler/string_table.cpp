#include "compiler/string_table.hpp"

#include <limits>
#include <stdexcept>

namespace writ::compiler {

StringTable::StringTable() { intern(""); }

StringTable::StringTable(const StringTable& other) : texts_(other.texts_) {
  for (std::size_t i = 0; i < texts_.size(); ++i) ids_.emplace(texts_[i], static_cast<StringId>(i));
}

StringId StringTable::intern(std::string_view text) {
  if (auto it = ids_.find(text); it != ids_.end()) return it->second;
  // Ids are uint32 in records and in generated code; running out is a host failure.
  if (texts_.size() > std::numeric_limits<StringId>::max()) throw std::length_error("string table full");
  auto id = static_cast<StringId>(texts_.size());
  texts_.emplace_back(text);
  ids_.emplace(texts_.back(), id);
  return id;
}

bool StringTable::find(std::string_view text, StringId& id) const {
  auto it = ids_.find(text);
  if (it == ids_.end()) return false;
  id = it->second;
  return true;
}

}  // namespace writ::compiler
