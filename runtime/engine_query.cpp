// Asking the engine before acting: what submit() would decide about an event up to its
// admission, with nothing changed (engine.hpp, Engine::admission).
#include <fmt/format.h>

#include "lang/literals.hpp"
#include "runtime/engine.hpp"

namespace writ::runtime {

std::vector<Decision> Engine::admission(DecodedEvent decoded, compiler::StringTable& strings) {
  InputEvent event{event_plan(decoded.type), decoded.type,     decoded.at, decoded.incident.value_or(0),
                   decoded.id.value_or(0),     std::move(decoded.record)};
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
  // The query's ids are ours for every text we have seen: a new text is no id we hold.
  if (event.id != 0 && seen_ids_.contains(event.id)) {
    return rejected(fmt::format("duplicate id `{}`", strings.text(event.id)));
  }
  if (closed(event.incident)) return rejected(fmt::format("incident `{}` is closed", strings.text(event.incident)));
  const compiler::EventPlan* ep = event.plan;
  if (!ep) return rejected(fmt::format("unknown event type `{}`", event.type));
  std::vector<Decision> out = denials(event, *ep, find_incident(event.incident), event.at, strings);
  arena_.clear();
  return out;
}

}  // namespace writ::runtime
