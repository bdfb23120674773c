#include <catch2/catch.hpp>

#include <cstdint>
#include <set>
#include <vector>

#include "sim/board/seeded_random.hpp"

using ringside::sim::SeededRandom;

namespace {

std::vector<std::uint32_t> draw(SeededRandom& random, int n) {
    std::vector<std::uint32_t> out;
    for (int i = 0; i < n; ++i) out.push_back(random.next_u32());
    return out;
}

} // namespace

TEST_CASE("seeded random gives the same stream for the same seed", "[sim][random]") {
    SeededRandom a(42), b(42);
    CHECK(draw(a, 1000) == draw(b, 1000));
    CHECK(a.draws() == 1000);
}

TEST_CASE("seeded random streams differ between seeds", "[sim][random]") {
    SeededRandom a(1), b(2);
    CHECK(draw(a, 16) != draw(b, 16));
}

TEST_CASE("seeded random is pinned to xoshiro256** over splitmix64 on every host", "[sim][random]") {
    // Reference values computed independently; a change here breaks recorded traces.
    SeededRandom one(1);
    CHECK(draw(one, 4) == std::vector<std::uint32_t>{0xb3f2af6du, 0x853b5596u, 0x92f89756u, 0x642e1c7bu});
    SeededRandom zero(0);  // seed 0 still yields a working generator
    CHECK(draw(zero, 2) == std::vector<std::uint32_t>{0x99ec5f36u, 0xbf6e1f78u});
}

TEST_CASE("reseed restarts the stream", "[sim][random]") {
    SeededRandom random(9);
    const auto first = draw(random, 8);
    random.reseed(9);
    CHECK(draw(random, 8) == first);
}

TEST_CASE("seeded random spreads over the range", "[sim][random]") {
    SeededRandom random(3);
    std::set<std::uint32_t> top_nibbles;
    for (int i = 0; i < 512; ++i) top_nibbles.insert(random.next_u32() >> 28);
    CHECK(top_nibbles.size() == 16);
}
