#pragma once
// Where the cloud draws its codes and tokens (user codes, device codes, access and refresh
// tokens). Two kinds, fixed at construction:
//   seeded — the project's PRNG (common/prng.hpp) from a seed: the in-process cloud of a
//            scenario and `ringside cloud --seed N`, so the same seed gives the same codes;
//   os     — the operating system's CSPRNG (getrandom(2)) on every draw: `ringside cloud`
//            without --seed, a server offered to outside clients, whose codes must not be
//            predictable from earlier ones or the same on every start (RFC 6749 §10.10,
//            RFC 8628 §5.2).
// Who may call: the code and token generators (user_code.hpp, opaque_token.hpp) through
// ServiceState::codes.
#include <cstdint>

#include "common/prng.hpp"

namespace ringside::cloud {

class CodeSource {
public:
    explicit CodeSource(std::uint64_t seed) : prng_(seed) {}
    static CodeSource os() {
        CodeSource source(0);
        source.os_ = true;
        return source;
    }

    bool seeded() const { return !os_; }
    std::uint64_t next();
    // Uniform in [0, bound); bound must be > 0. Rejection sampling, so no modulo bias.
    std::uint32_t below(std::uint32_t bound);

private:
    common::Prng prng_;
    bool os_ = false;
};

} // namespace ringside::cloud
