#pragma once
// hal::Random from the scenario's seed, drawn exactly as sim::SeededRandom draws it: the one
// xoshiro256**/splitmix64 generator (common/prng.hpp), its high 32 bits per draw.
// The generator belongs to the board, not to a power-on: it is not reseeded when the
// firmware restarts, so retry jitter after a power cycle continues the same stream.
// Who may call: next_u32 — the firmware; construction — the board when it is made.
#include <cstdint>

#include "common/prng.hpp"
#include "firmware/hal/random.hpp"

namespace ringside::kit {

class KitRandom final : public hal::Random {
public:
    explicit KitRandom(std::uint64_t seed) : prng_(seed) {}

    std::uint32_t next_u32() override {
        ++draws_;
        return static_cast<std::uint32_t>(prng_.next() >> 32);  // xoshiro's strongest bits
    }
    std::uint64_t draws() const { return draws_; }

private:
    common::Prng prng_;
    std::uint64_t draws_ = 0;
};

} // namespace ringside::kit
