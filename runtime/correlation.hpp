#pragma once
// Alert grouping (`correlate TYPE by KEY within D`): an event whose key matches a group
// that is still open and whose last event came at most D ago joins that group's incident;
// otherwise it starts a group for its own incident. The window slides: each joining event
// keeps the group open for another D, so a storm of alerts stays one incident.
#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "compiler/string_table.hpp"

namespace writ::runtime {

class Correlation {
 public:
  // The incident the event joins (its own when it starts a group).
  std::string join(std::uint32_t construct, compiler::StringId key, const std::string& incident, std::int64_t at,
                   std::int64_t window);
  // A closed incident takes no more events: its groups end.
  void forget(const std::string& incident);

  struct Group {
    std::string incident;
    std::int64_t last = 0;
  };
  using Groups = std::map<std::pair<std::uint32_t, compiler::StringId>, Group>;
  // The open groups by construct and key (for checkpoints), and putting one back.
  const Groups& groups() const { return groups_; }
  void restore(std::uint32_t construct, compiler::StringId key, Group group) { groups_[{construct, key}] = std::move(group); }

 private:
  std::map<std::pair<std::uint32_t, compiler::StringId>, Group> groups_;
};

}  // namespace writ::runtime
