#include "compiler/string_table.hpp"

#include <functional>
#include <limits>
#include <stdexcept>

namespace writ::compiler {

namespace {

std::size_t hash_of(std::string_view text) { return std::hash<std::string_view>{}(text); }

std::uint32_t tag_of(std::size_t hash) { return static_cast<std::uint32_t>(static_cast<std::uint64_t>(hash) >> 32); }

}  // namespace

StringTable::StringTable() : slots_(16) { intern(""); }

StringTable::StringTable(const StringTable& other) : texts_(other.texts_), slots_(other.slots_) {}

std::size_t StringTable::probe(std::string_view text, std::size_t hash) const {
  std::size_t mask = slots_.size() - 1;
  std::uint32_t tag = tag_of(hash);
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.next == 0 || (slot.tag == tag && texts_[slot.next - 1] == text)) return i;
  }
}

void StringTable::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.size() * 2, Slot{});
  for (const Slot& slot : old) {
    if (slot.next != 0) slots_[probe(texts_[slot.next - 1], hash_of(texts_[slot.next - 1]))] = slot;
  }
}

StringId StringTable::intern(std::string_view text) {
  std::size_t hash = hash_of(text);
  std::size_t at = probe(text, hash);
  if (slots_[at].next != 0) return slots_[at].next - 1;
  // Ids are uint32 in records and in generated code; running out is a host failure.
  if (texts_.size() >= std::numeric_limits<StringId>::max()) throw std::length_error("string table full");
  auto id = static_cast<StringId>(texts_.size());
  texts_.emplace_back(text);
  slots_[at] = Slot{tag_of(hash), id + 1};
  if (texts_.size() * 2 > slots_.size()) grow();
  return id;
}

bool StringTable::find(std::string_view text, StringId& id) const {
  const Slot& slot = slots_[probe(text, hash_of(text))];
  if (slot.next == 0) return false;
  id = slot.next - 1;
  return true;
}

}  // namespace writ::compiler
