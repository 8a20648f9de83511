#pragma once
// Instants and durations as the engine counts them: milliseconds, UTC.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace writ {

using Time = std::chrono::sys_time<std::chrono::milliseconds>;
using Duration = std::chrono::milliseconds;

// RFC 3339 as in events (`2026-11-26T09:00:00Z`, `…+01:00`, `…:00.250Z`); nullopt otherwise.
std::optional<Time> parse_time(std::string_view text);
// `2026-11-26T09:00:00Z`, with `.250` when there are milliseconds.
std::string format_time(Time t);

}  // namespace writ
