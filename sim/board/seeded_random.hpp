#pragma once
// hal::Random from a seed. The generator is the project's one PRNG (xoshiro256** seeded
// through splitmix64, common/prng.hpp, shared with the mock cloud and the boards'
// kit), written out rather than taken from <random>, whose distributions differ between
// standard libraries: the same scenario seed must give the same run byte for byte on every
// host and board.
// Who may call: next_u32 — the firmware; the world seeds it.
#include <cstdint>

#include "firmware/hal/random.hpp"
#include "common/prng.hpp"

namespace ringside::sim {

class SeededRandom final : public hal::Random {
public:
    explicit SeededRandom(std::uint64_t seed) : prng_(seed) {}

    void reseed(std::uint64_t seed) {
        prng_ = common::Prng(seed);
        draws_ = 0;
    }
    std::uint64_t next_u64() {
        ++draws_;
        return prng_.next();
    }
    // The high half: xoshiro's strongest bits. Stuck: the middle of the range, every time.
    std::uint32_t next_u32() override { return stuck_ ? 0x8000'0000u : static_cast<std::uint32_t>(next_u64() >> 32); }

    // A source stuck at one value (the planted defect no_jitter): every jitter the firmware
    // draws is the same, so speakers that failed together retry together.
    void stick() { stuck_ = true; }

    std::uint64_t draws() const { return draws_; }

private:
    common::Prng prng_;
    std::uint64_t draws_ = 0;
    bool stuck_ = false;
};

} // namespace ringside::sim
