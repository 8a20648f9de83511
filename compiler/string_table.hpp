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
#include <unordered_map>

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
  // The text of an id this table handed out.
  const std::string& text(StringId id) const { return texts_.at(id); }
  std::size_t size() const { return texts_.size(); }

 private:
  // A deque, so the string_view keys of ids_ stay valid as texts are added.
  std::deque<std::string> texts_;
  std::unordered_map<std::string_view, StringId> ids_;
};

}  // namespace writ::compiler
