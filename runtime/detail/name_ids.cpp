#include "runtime/detail/name_ids.hpp"

#include <functional>
#include <unordered_set>
#include <utility>

namespace writ::runtime::detail {

namespace {

constexpr std::size_t kInitialSlots = 64;

}  // namespace

NameIds::NameIds() : slots_(kInitialSlots) {}

std::uint64_t NameIds::hash_of(std::string_view name) { return std::hash<std::string_view>{}(name); }

std::int64_t NameIds::find(std::string_view name) const {
  std::uint64_t hash = hash_of(name);
  std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.id == 0) return 0;
    if (slot.hash == hash && slot.name == name) return slot.id;
  }
}

void NameIds::add(std::string_view name, std::int64_t id) {
  if (2 * (size_ + 1) > slots_.size()) grow();
  place(Slot{hash_of(name), id, std::string(name)});
  ++size_;
}

void NameIds::place(Slot slot) {
  std::size_t mask = slots_.size() - 1;
  std::size_t i = slot.hash & mask;
  while (slots_[i].id != 0) i = (i + 1) & mask;
  slots_[i] = std::move(slot);
}

void NameIds::grow() {
  std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(2 * slots_.size()));
  for (Slot& slot : old) {
    if (slot.id != 0) place(std::move(slot));
  }
}

// Rare (a batch rolled back): the table is rebuilt from the names it keeps, since an open-
// addressing table cannot simply empty a slot that later names may have probed past.
void NameIds::remove(const std::vector<std::string>& names) {
  if (names.empty()) return;
  std::unordered_set<std::string_view> gone(names.begin(), names.end());
  std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(slots_.size()));
  size_ = 0;
  for (Slot& slot : old) {
    if (slot.id == 0 || gone.contains(slot.name)) continue;
    place(std::move(slot));
    ++size_;
  }
}

}  // namespace writ::runtime::detail
