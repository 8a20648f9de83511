#include "compiler/string_table.hpp"

#include <cstring>
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

StringTable::Slot StringTable::make_slot(std::string_view text, std::size_t hash, StringId id) {
  Slot slot;
  slot.next = id + 1;
  if (text.size() <= kInline) {
    slot.size = static_cast<std::uint8_t>(text.size());
    std::memcpy(slot.text, text.data(), text.size());
  } else {
    slot.size = kLong;
    std::uint32_t tag = tag_of(hash);
    std::memcpy(slot.text, &tag, sizeof tag);
  }
  return slot;
}

std::size_t StringTable::probe(std::string_view text, std::size_t hash) const {
  std::size_t mask = slots_.size() - 1;
  bool inline_text = text.size() <= kInline;
  std::uint32_t tag = tag_of(hash);
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.next == 0) return i;
    if (inline_text) {
      if (slot.size == text.size() && std::memcmp(slot.text, text.data(), text.size()) == 0) return i;
    } else if (slot.size == kLong && std::memcmp(slot.text, &tag, sizeof tag) == 0 && texts_[slot.next - 1] == text) {
      return i;
    }
  }
}

void StringTable::grow() {
  auto old = std::move(slots_);
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
  slots_[at] = make_slot(text, hash, id);
  if (texts_.size() * 2 > slots_.size()) grow();
  return id;
}

bool StringTable::find(std::string_view text, StringId& id) const {
  const Slot& slot = slots_[probe(text, hash_of(text))];
  if (slot.next == 0) return false;
  id = slot.next - 1;
  return true;
}

void StringTable::prefetch(std::string_view text) const {
  __builtin_prefetch(&slots_[hash_of(text) & (slots_.size() - 1)]);
}

}  // namespace writ::compiler
