#include "cloud/oauth/opaque_token.hpp"

namespace ringside::cloud {

std::string generate_opaque_token(CodeSource& source, std::string_view prefix) {
    static constexpr std::string_view alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string token(prefix);
    for (std::size_t i = 0; i < kOpaqueTokenChars; ++i) {
        token.push_back(alphabet[source.next() >> 58]);  // top 6 bits: xoshiro's strongest
    }
    return token;
}

} // namespace ringside::cloud
