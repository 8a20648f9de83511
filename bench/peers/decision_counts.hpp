#pragma once
// The peer workload's checksum: how many events each decision held for, in the specified
// order, its canonical `name=count,...` string and that string's FNV-1a 32-bit hash (`fp`).
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace writ::peers {

enum Decision : std::uint8_t {
  kDeclareMajor,
  kTierP1,
  kTierP2,
  kTierP3,
  kTierP4,
  kTriageBreach,
  kFailoverAllowed,
  kSeverityChangePermitted,
  kPageExec,
  kChangeBlocked,
  kSlaBreach,
  kDecisionCount
};

inline constexpr std::array<std::string_view, kDecisionCount> kDecisionNames{
    "declare_major", "tier_P1",   "tier_P2",       "tier_P3",        "tier_P4",   "triage_breach",
    "failover_allowed", "severity_change_permitted", "page_exec", "change_blocked", "sla_breach"};

struct DecisionCounts {
  std::array<std::uint64_t, kDecisionCount> n{};

  bool operator==(const DecisionCounts&) const = default;
  // Every decision: `declare_major=163548,tier_P1=...`.
  std::string canonical() const;
  // R5 alone: `severity_change_permitted=24824`.
  std::string canonical_r5() const;
};

std::uint32_t fnv1a(std::string_view text);
std::string fp_hex(std::uint32_t fp);

// The counts PEER_WORKLOAD.md gives for its 200,000 events.
inline constexpr std::size_t kSpecifiedEvents = 200000;
inline constexpr DecisionCounts kExpected200k{
    {163548, 105329, 48344, 16453, 29874, 77841, 31257, 24824, 10158, 42065, 83818}};
inline constexpr std::uint32_t kExpectedFp = 0x28d36e60;
inline constexpr std::uint32_t kExpectedR5Fp = 0x65ebbc85;
// md5 of the peers' file of those events.
inline constexpr std::string_view kExpectedMd5 = "94e832947008148e0f1f50307f915371";

}  // namespace writ::peers
