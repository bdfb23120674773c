#pragma once
// For tests that prove output carries no bearer secret without knowing its value.
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <string>

namespace ringside::test {

// The longest run of base64url characters: bearer secrets (device codes, tokens) are 43+.
inline std::size_t longest_secret_like_run(const std::string& text) {
    std::size_t longest = 0, run = 0;
    for (char c : text) {
        const bool b64url = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
        run = b64url ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return longest;
}

} // namespace ringside::test
