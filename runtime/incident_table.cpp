#include "runtime/incident_table.hpp"

#include <algorithm>

namespace writ::runtime {

Incident& IncidentTable::insert(compiler::StringId id, std::unique_ptr<Incident> incident) {
  if (id >= slots_.size()) slots_.resize(std::max<std::size_t>(id + 1, slots_.size() * 3 / 2));
  if (!slots_[id]) ++count_;
  slots_[id] = std::move(incident);
  if (ordering_) added_.push_back(id);
  return *slots_[id];
}

void IncidentTable::erase(compiler::StringId id) {
  if (id >= slots_.size() || !slots_[id]) return;
  slots_[id].reset();
  --count_;
  erased_ = true;
}

const std::vector<Incident*>& IncidentTable::in_order() {
  if (!ordering_) {
    ordering_ = true;
    for (compiler::StringId id = 0; id < slots_.size(); ++id) {
      if (slots_[id]) added_.push_back(id);
    }
  }
  if (erased_) {
    ordered_.erase(std::remove_if(ordered_.begin(), ordered_.end(), gone()), ordered_.end());
    erased_ = false;
  }
  merge_added();
  view_.clear();
  view_.reserve(ordered_.size());
  for (compiler::StringId id : ordered_) view_.push_back(find(id));
  return view_;
}

// Sorts what was added since the last call and merges it into the order: O(n + k log k)
// for k new incidents among n.
void IncidentTable::merge_added() {
  if (added_.empty()) return;
  auto by_text = [this](compiler::StringId a, compiler::StringId b) { return find(a)->id < find(b)->id; };
  added_.erase(std::remove_if(added_.begin(), added_.end(), gone()), added_.end());
  std::sort(added_.begin(), added_.end(), by_text);
  auto middle = static_cast<std::ptrdiff_t>(ordered_.size());
  ordered_.insert(ordered_.end(), added_.begin(), added_.end());
  std::inplace_merge(ordered_.begin(), ordered_.begin() + middle, ordered_.end(), by_text);
  // An id erased and held again between two calls is in both lists, side by side now.
  ordered_.erase(std::unique(ordered_.begin(), ordered_.end()), ordered_.end());
  added_.clear();
}

}  // namespace writ::runtime
