#pragma once
// RFC 8628 §6.1 user codes: 8 characters from 20 consonants (no vowels, so no words; no
// digits or look-alikes), about 34 bits of entropy, shown as "XXXX-XXXX".
#include <string>
#include <string_view>

#include "cloud/oauth/code_source.hpp"

namespace ringside::cloud {

inline constexpr std::string_view kUserCodeAlphabet = "BCDFGHJKLMNPQRSTVWXZ";
inline constexpr std::size_t kUserCodeLength = 8;

// The canonical form: 8 upper-case alphabet characters, no separator.
std::string generate_user_code(CodeSource& source);

// "WDJBMJHT" -> "WDJB-MJHT", the form shown to people and sent in responses.
std::string display_user_code(std::string_view canonical);

// What a person typed -> canonical form: case folded, dashes and whitespace dropped.
// Anything else is kept, so a mistyped code simply matches nothing.
std::string normalise_user_code(std::string_view typed);

} // namespace ringside::cloud
