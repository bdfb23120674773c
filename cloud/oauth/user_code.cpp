#include "cloud/oauth/user_code.hpp"

namespace ringside::cloud {

std::string generate_user_code(CodeSource& source) {
    std::string code;
    code.reserve(kUserCodeLength);
    for (std::size_t i = 0; i < kUserCodeLength; ++i) {
        code.push_back(kUserCodeAlphabet[source.below(static_cast<std::uint32_t>(kUserCodeAlphabet.size()))]);
    }
    return code;
}

std::string display_user_code(std::string_view canonical) {
    const std::size_t half = canonical.size() / 2;
    std::string shown(canonical.substr(0, half));
    shown.push_back('-');
    shown.append(canonical.substr(half));
    return shown;
}

std::string normalise_user_code(std::string_view typed) {
    std::string canonical;
    for (const char c : typed) {
        if (c == '-' || c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
        canonical.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    }
    return canonical;
}

} // namespace ringside::cloud
