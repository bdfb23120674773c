#pragma once
// A calendar time this firmware was certainly built after (2025-01-01T00:00:00Z, unix
// seconds). A real-time clock reading earlier than this is wrong for sure (battery lost),
// so the auth client sets the clock before it attempts TLS.
#include <cstdint>

namespace ringside::fw {

inline constexpr std::int64_t kBuiltAfterUnix = 1'735'689'600;

} // namespace ringside::fw
