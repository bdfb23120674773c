#pragma once
// Who owns which HTTP request ids. The Speaker routes each HttpDone by its id, so the
// modules that send requests draw from disjoint ranges and can never take each other's
// answers, whatever id they start from.
#include "firmware/hal/http_client.hpp"

namespace ringside::fw::request_ids {

struct Range {
    hal::RequestId first, last;

    constexpr bool contains(hal::RequestId id) const { return id >= first && id <= last; }
    // The id after `current`, wrapping within the range; `current` outside it starts at first.
    constexpr hal::RequestId after(hal::RequestId current) const {
        return contains(current) && current < last ? static_cast<hal::RequestId>(current + 1) : first;
    }
    // An id in the range picked from a random word (a start that outlives no reboot).
    constexpr hal::RequestId pick(std::uint32_t random) const {
        return static_cast<hal::RequestId>(first + random % (static_cast<std::uint32_t>(last - first) + 1));
    }
};

inline constexpr Range kAuth{0x0001, 0x3FFF};
inline constexpr Range kVoice{0x4000, 0x7FFF};
inline constexpr Range kSettings{0x8000, 0x8000};

} // namespace ringside::fw::request_ids
