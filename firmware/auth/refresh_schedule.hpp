#pragma once
// When to refresh an access token: the Alexa SDK refreshes 10 min before expiry (or at
// half-life for a token that lives under 20 min). The lead is shortened by a random 0-10 %
// so a fleet that linked together (say, after a cloud outage) does not refresh in one wave.
// Units: milliseconds. Who may call: the auth client.
#include "firmware/hal/clock.hpp"
#include "firmware/hal/random.hpp"

namespace ringside::fw {

inline constexpr hal::Millis kMaxRefreshLead{600'000};  // refresh 10 min before expiry...
// ...or at half-life when the token lives less than 20 min.

// The soonest a refresh follows the token it renews. A server may hand out tokens living a
// second (the token expires_in bound is 1 s); refreshing at each half-life would then be a
// request storm, so such a token is let expire (auth Expired) and renewed on this beat.
inline constexpr hal::Millis kMinRefreshDelay{10'000};

// The un-jittered lead before expiry for an access token living `lifetime`.
hal::Millis refresh_lead(hal::Millis lifetime);
// Delay from issue to refresh: lifetime - lead * (1 - j), j uniform in [0, 0.10] in permille
// steps. Always in [lifetime - lead, lifetime - 0.9 * lead], and never under kMinRefreshDelay.
hal::Millis refresh_delay(hal::Millis lifetime, hal::Random& random);

} // namespace ringside::fw
