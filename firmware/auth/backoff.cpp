#include "firmware/auth/backoff.hpp"

#include <array>
#include <cstdint>

namespace ringside::fw {
namespace {

constexpr std::array<hal::Millis, 7> kTable = {hal::Millis{0},      hal::Millis{1'000},  hal::Millis{2'000},
                                               hal::Millis{4'000},  hal::Millis{10'000}, hal::Millis{30'000},
                                               hal::Millis{60'000}};

} // namespace

hal::Millis Backoff::base_delay(std::size_t failure) {
    return kTable[failure < kTable.size() ? failure : kTable.size() - 1];
}

hal::Millis Backoff::next(hal::Random& random) {
    const hal::Millis base = base_delay(index_);
    if (index_ + 1 < kTable.size()) ++index_;
    // Permille in [500, 1500]: ±50 %. Integer maths keeps runs identical across hosts.
    const std::uint64_t permille = 500 + random.next_u32() % 1001;
    return hal::Millis{static_cast<std::int64_t>(static_cast<std::uint64_t>(base.count()) * permille / 1000)};
}

} // namespace ringside::fw
