// Asking the engine before acting: what submit() would decide about an event up to its
// admission, with nothing changed (engine.hpp, Engine::admission).
#include <fmt/format.h>

#include "lang/literals.hpp"
#include "runtime/engine.hpp"

namespace writ::runtime {

std::vector<Decision> Engine::admission(DecodedEvent decoded, compiler::StringTable& strings) {
  InputEvent event{std::string(decoded.type), decoded.at,
                   decoded.incident ? strings.text(*decoded.incident) : std::string(),
                   decoded.id ? strings.text(*decoded.id) : std::string(), std::move(decoded.record)};
  // The rejections submit() gives before admission, with its words.
  auto rejected = [&](std::string reason) {
    Decision d = decision("rejected", "", std::nullopt);
    d.at = std::max(event.at, clock_);
    d.outcome = "rejected";
    d.target = event.type;
    d.reason = std::move(reason);
    return std::vector<Decision>{std::move(d)};
  };
  if (event.at < clock_) {
    return rejected(fmt::format("event at {} is older than the engine clock ({})", lang::format_time(event.at),
                                lang::format_time(clock_)));
  }
  compiler::StringId id = 0;
  if (!event.id.empty() && strings_.find(event.id, id) && seen_ids_.contains(id)) {
    return rejected(fmt::format("duplicate id `{}`", event.id));
  }
  if (!event.incident.empty() && closed_.count(event.incident)) {
    return rejected(fmt::format("incident `{}` is closed", event.incident));
  }
  const compiler::EventPlan* ep = plan_.event(event.type);
  if (!ep) return rejected(fmt::format("unknown event type `{}`", event.type));
  auto it = event.incident.empty() ? incidents_.end() : incidents_.find(event.incident);
  std::vector<Decision> out = denials(event, *ep, it == incidents_.end() ? nullptr : it->second.get(), event.at, strings);
  arena_.clear();
  return out;
}

}  // namespace writ::runtime
