#pragma once
// The ids of the names a NameTable has met, looked up once per record: an open-addressing
// table whose slots keep each name (short names inside the slot) beside its hash and id,
// so a lookup reads one slot where a node-based map reads a bucket and then a node.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace writ::runtime::detail {

class NameIds {
 public:
  NameIds();

  // The id of `name`, or 0 when it has none.
  std::int64_t find(std::string_view name) const;
  // Gives `name`, which has none yet, the id `id` (not 0).
  void add(std::string_view name, std::int64_t id);
  // Forgets the ids of `names`.
  void remove(const std::vector<std::string>& names);
  std::size_t size() const { return size_; }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::int64_t id = 0;  // 0: empty
    std::string name;
  };

  static std::uint64_t hash_of(std::string_view name);
  void place(Slot slot);
  void grow();

  std::vector<Slot> slots_;  // a power of two of them, at most half in use
  std::size_t size_ = 0;
};

}  // namespace writ::runtime::detail
