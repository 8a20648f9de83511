// What the JavaScript side shares: the decision names, the canonical count string, its
// FNV-1a 32-bit hash and the counts PEER_WORKLOAD.md specifies for its 200,000 events.
export const NAMES = ['declare_major', 'tier_P1', 'tier_P2', 'tier_P3', 'tier_P4', 'triage_breach', 'failover_allowed',
  'severity_change_permitted', 'page_exec', 'change_blocked', 'sla_breach']

export function canonical (counts) {
  return NAMES.map((n, i) => `${n}=${counts[i]}`).join(',')
}

export function fnv1aHex (text) {
  let h = 0x811c9dc5
  for (const byte of Buffer.from(text, 'utf8')) h = Math.imul(h ^ byte, 0x01000193) >>> 0
  return h.toString(16).padStart(8, '0')
}

export const EXPECTED = canonical([163548, 105329, 48344, 16453, 29874, 77841, 31257, 24824, 10158, 42065, 83818])
export const EXPECTED_R5 = 'severity_change_permitted=24824'
export const EXPECTED_MD5 = '94e832947008148e0f1f50307f915371'
