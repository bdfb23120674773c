#include "firmware/auth/refresh_schedule.hpp"

#include <algorithm>
#include <cstdint>

namespace ringside::fw {

hal::Millis refresh_lead(hal::Millis lifetime) { return std::min(kMaxRefreshLead, lifetime / 2); }

hal::Millis refresh_delay(hal::Millis lifetime, hal::Random& random) {
    const hal::Millis lead = refresh_lead(lifetime);
    // Permille in [900, 1000]: integer maths keeps runs identical across hosts.
    const std::uint64_t permille = 900 + random.next_u32() % 101;
    const auto jittered = static_cast<std::int64_t>(static_cast<std::uint64_t>(lead.count()) * permille / 1000);
    return std::max(kMinRefreshDelay, lifetime - hal::Millis{jittered});
}

} // namespace ringside::fw
