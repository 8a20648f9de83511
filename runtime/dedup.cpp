#include "runtime/dedup.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "runtime/quoted_excerpt.hpp"

namespace writ::runtime {

bool SeenIds::insert(compiler::StringId id) {
  if (!ids_.insert(id).second) return false;
  if (capacity_ == 0) return true;
  order_.push_back(id);
  if (order_.size() > capacity_) {
    ids_.erase(order_.front());
    order_.pop_front();
  }
  return true;
}

std::vector<compiler::StringId> SeenIds::ids() const {
  if (capacity_ != 0) return {order_.begin(), order_.end()};
  std::vector<compiler::StringId> out(ids_.begin(), ids_.end());
  std::sort(out.begin(), out.end());
  return out;
}

Rejection reject_duplicate_id(const DecodedEvent& event, const compiler::StringTable& strings) {
  std::string id = event.id ? quoted_excerpt(strings.text(*event.id)) : "\"\"";
  return reject(event, strings, RejectReason::DuplicateId, fmt::format("`id` {} was already applied", id));
}

}  // namespace writ::runtime
