#include "runtime/line_lookahead.hpp"

#include <cstdint>
#include <cstring>
#include <utility>

namespace writ::runtime {

std::string_view incident_hint(std::string_view line) {
  constexpr std::string_view kKey = R"("incident":")";
  // A word compare at each position: a search from each '"' (string_view::find) or memmem
  // cost more than the prefetches save at a few thousand incidents.
  std::uint64_t head = 0;
  std::memcpy(&head, kKey.data(), sizeof head);
  const char* p = line.data();
  for (std::size_t i = 0; i + kKey.size() <= line.size(); ++i) {
    std::uint64_t word = 0;
    std::memcpy(&word, p + i, sizeof word);
    if (word != head || std::memcmp(p + i + sizeof head, kKey.data() + sizeof head, kKey.size() - sizeof head) != 0) {
      continue;
    }
    std::size_t begin = i + kKey.size();
    std::size_t end = line.find('"', begin);
    if (end == std::string_view::npos) return {};
    std::string_view text = line.substr(begin, end - begin);
    return text.find('\\') == std::string_view::npos ? text : std::string_view{};
  }
  return {};
}

LineLookahead::LineLookahead(const Engine& engine, Read read, bool ahead)
    : engine_(engine), read_(std::move(read)), ahead_(ahead) {}

const std::string* LineLookahead::next() {
  if (handed_) {
    head_ = (head_ + 1) % ring_.size();
    --held_;
  }
  // The line due, then, when reading ahead, the lines after it while there is room.
  std::size_t room = ahead_ ? ring_.size() : 1;
  while (!ended_ && held_ < room && read_into(at(held_))) ++held_;
  handed_ = held_ > 0;
  if (held_ == 0) return nullptr;
  if (engine_.incident_count() < kWarmFrom) return &ring_[head_].line;
  if (held_ > 2) {
    Ahead& ahead = at(2);
    ahead.known = !ahead.incident.empty() && engine_.strings().find(ahead.incident, ahead.id);
    if (ahead.known) engine_.prefetch_slot(ahead.id);
  }
  if (held_ > 1 && at(1).known) engine_.prefetch_incident(at(1).id);
  return &ring_[head_].line;
}

bool LineLookahead::read_into(Ahead& slot) {
  if (!read_(slot.line)) {
    ended_ = true;
    return false;
  }
  slot.known = false;
  slot.incident = {};
  if (!ahead_ || engine_.incident_count() < kWarmFrom) return true;
  slot.incident = incident_hint(slot.line);
  if (!slot.incident.empty()) engine_.strings().prefetch(slot.incident);
  return true;
}

}  // namespace writ::runtime
