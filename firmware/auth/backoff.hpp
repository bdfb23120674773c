#pragma once
// Retry delays after a failed request, as the Alexa device SDK spaces them: 0, 1, 2, 4,
// 10, 30, 60 s, staying at 60 s, each scaled by a random factor in [0.5, 1.5] so a fleet
// that lost the cloud together does not come back in lock-step.
// Who may call: the auth client.
#include <cstddef>

#include "firmware/hal/clock.hpp"
#include "firmware/hal/random.hpp"

namespace ringside::fw {

class Backoff {
public:
    // The delay before the next retry; advances along the table.
    hal::Millis next(hal::Random& random);
    // A request succeeded: the next failure starts from the top of the table again.
    void reset() { index_ = 0; }
    std::size_t failures() const { return index_; }

    // The un-jittered delay for the n-th consecutive failure (0-based).
    static hal::Millis base_delay(std::size_t failure);

private:
    std::size_t index_ = 0;
};

} // namespace ringside::fw
