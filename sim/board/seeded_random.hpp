#pragma once
// hal::Random from a seed: xoshiro256** seeded through splitmix64 (the seeding its authors
// recommend; it also turns seed 0 into a valid state). Implemented here rather than with
// <random> distributions, whose output differs between standard libraries: the same
// scenario seed must give the same run byte for byte on every host.
// Who may call: next_u32 — the firmware; the world seeds it.
#include <array>
#include <cstdint>

#include "firmware/hal/random.hpp"

namespace ringside::sim {

class SeededRandom final : public hal::Random {
public:
    explicit SeededRandom(std::uint64_t seed) { reseed(seed); }

    void reseed(std::uint64_t seed);
    std::uint64_t next_u64();
    std::uint32_t next_u32() override { return static_cast<std::uint32_t>(next_u64() >> 32); }  // high bits are the best

    std::uint64_t draws() const { return draws_; }

private:
    std::array<std::uint64_t, 4> state_{};
    std::uint64_t draws_ = 0;
};

} // namespace ringside::sim
