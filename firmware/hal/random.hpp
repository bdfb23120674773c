#pragma once
// The firmware's only source of randomness (retry jitter, nonces). The simulator seeds it
// from the scenario so the same seed gives the same run, byte for byte.
#include <cstdint>

namespace ringside::hal {

class Random {
public:
    virtual std::uint32_t next_u32() = 0;

protected:
    ~Random() = default;
};

} // namespace ringside::hal
