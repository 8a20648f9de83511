#pragma once
// Interned strings. Every string a policy compares, from a literal or an event, is a uint32
// id here, so string equality is integer equality in both engines. Id 0 is the empty string.
// Literals are interned while lowering, which walks the checked AST in source order, so one
// policy text always gives its literals the same ids. Not synchronised: evaluation interns
// (lower() results), so one table serves one evaluating thread.
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "lang/huge_page_allocator.hpp"

namespace writ::compiler {

using StringId = std::uint32_t;

class StringTable {
 public:
  StringTable();
  // A copy hands out the same ids for the same texts: each engine evaluating a shared Plan
  // starts from a copy of the Plan's table.
  StringTable(const StringTable& other);
  StringTable& operator=(const StringTable&) = delete;

  // The id of `text`, adding it when new.
  StringId intern(std::string_view text);
  // The id of `text` if it is already interned.
  bool find(std::string_view text, StringId& id) const;
  // Starts loading the slot where a lookup of `text` begins, changing nothing: a caller
  // that knows a text some work before it looks it up hides the slot's cache miss.
  void prefetch(std::string_view text) const;
  // The text of an id this table handed out.
  const std::string& text(StringId id) const { return texts_.at(id); }
  std::size_t size() const { return texts_.size(); }

 private:
  // Open addressing with linear probing over a power-of-two array at most half full, 16
  // bytes a slot. A text of up to 11 bytes (most incident ids, names, roles) is kept in its
  // slot too, so finding it reads the slot and nothing else; a longer one is compared only
  // when its hash's high half matches. A node-based map cost a cache miss per node and per
  // key, and a text kept only in texts_ one more per lookup, which the engine pays per
  // event once incident ids number in the hundreds of thousands.
  static constexpr std::size_t kInline = 11;
  static constexpr std::uint8_t kLong = 0xFF;  // Slot::size of a text not kept inline
  struct Slot {
    std::uint32_t next = 0;  // the id + 1; 0 for an empty slot
    std::uint8_t size = 0;   // the text's size when inline, else kLong
    char text[kInline] = {};  // the text when inline, else the high 32 bits of its hash
  };
  static Slot make_slot(std::string_view text, std::size_t hash, StringId id);
  // The slot holding `text`, or the empty slot where it belongs.
  std::size_t probe(std::string_view text, std::size_t hash) const;
  void grow();

  // A deque, so texts handed out by reference stay where they are as texts are added.
  std::deque<std::string> texts_;
  std::vector<Slot, lang::HugePageAllocator<Slot>> slots_;  // in huge pages once large
};

}  // namespace writ::compiler
