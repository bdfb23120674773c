#pragma once
// Bearer secrets (device codes, access and refresh tokens). Opaque to clients by design:
// nothing can be read out of them, so the speaker must not try.
#include <string>
#include <string_view>

#include "cloud/oauth/code_source.hpp"

namespace ringside::cloud {

// 43 base64url characters carry 258 bits, above the 128 bits RFC 6749 §10.10 asks of
// guess-proof tokens, and fit a firmware token store comfortably.
inline constexpr std::size_t kOpaqueTokenChars = 43;

// `prefix` followed by kOpaqueTokenChars base64url characters. The prefix tells a person
// reading a trace what kind of secret it is (as LWA's "Atza|" and "Atzr|" do).
std::string generate_opaque_token(CodeSource& source, std::string_view prefix);

} // namespace ringside::cloud
