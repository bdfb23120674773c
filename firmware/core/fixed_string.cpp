#include "firmware/core/fixed_string.hpp"

#include <cstring>

namespace ringside::fw {

bool text_copy(char* buffer, std::size_t capacity, std::size_t& size, std::size_t at, std::string_view text,
               bool clip) {
    if (at > capacity) return false;
    const std::size_t room = capacity - at;
    if (text.size() > room && !clip) return false;
    const std::size_t n = text.size() < room ? text.size() : room;
    // memmove: assign() may be handed a view of the string's own contents.
    if (n != 0) std::memmove(buffer + at, text.data(), n);
    size = at + n;
    return n == text.size();
}

} // namespace ringside::fw
