#pragma once
// The one seeded pseudo-random generator of the project: the mock cloud's seeded codes,
// tokens and fault draws, the simulator's seeded hal::Random, room noise and device-key
// derivation, and the same parts of a real board's port (hil/boards/common). Written out
// here rather than taken from <random> because the standard distributions differ between
// standard libraries, and a scenario's seed must give byte-identical codes, tokens and board
// behaviour on every host and every board. It lives in common/ because the cloud, the world
// and the boards must agree on it and none of them may include another's code; the device
// logic itself draws only through hal::Random.
// Not a cryptographic generator: its state can be recovered from a few outputs; a cloud that
// serves outside clients must not draw its secrets from it alone.
// Portable: no heap, no exceptions. Who may call: anyone.
#include <cstdint>

namespace ringside::common {

// splitmix64 (Steele, Lea & Flood): advances `state` and returns a well-mixed word. Seeds
// the generator below, and spreads a seed into key material and nonces elsewhere.
std::uint64_t splitmix64(std::uint64_t& state);

// xoshiro256** (Blackman & Vigna), its state filled from the seed by splitmix64 so that
// nearby seeds (1, 2, 3...) still give unrelated streams.
class Prng {
public:
    explicit Prng(std::uint64_t seed);

    std::uint64_t next();

    // Uniform in [0, bound); bound must be > 0. Rejection sampling, so no modulo bias.
    std::uint32_t below(std::uint32_t bound);

private:
    std::uint64_t s_[4];
};

} // namespace ringside::common
