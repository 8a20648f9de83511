#pragma once
// One named salt for the tests that need a trail reproduced byte for byte (docs/audit.md,
// "Reproducible trails"): any 64 lower-case hex digits would do.

namespace writ::test {

inline constexpr const char* kFixedSalt = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

}  // namespace writ::test
