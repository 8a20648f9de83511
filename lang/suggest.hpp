#pragma once
// "Did you mean ...?": the closest known name to a misspelt one, by edit distance.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace writ::lang::detail {

// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
// two neighbouring letters each cost one.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `name`, if it is close enough to be a plausible typo (about one
// edit per three letters). Ties go to the earliest candidate, so results are stable.
std::optional<std::string> closest_name(std::string_view name, const std::vector<std::string>& candidates);

// Every candidate at the smallest plausible distance from `name`, in candidate order: more
// than one when several are equally close (`P7` is one edit from `P1`, `P2` and `P3`).
std::vector<std::string> closest_names(std::string_view name, const std::vector<std::string>& candidates);

// "did you mean `x`?" for Diagnostic::help, or "" when nothing is close.
std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace writ::lang::detail
