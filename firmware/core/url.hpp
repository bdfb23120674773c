#pragma once
// Just enough URL handling for the auth client: where the RFC 8414 metadata lives, and
// the path of a URL for trace lines (traces name endpoints, never hosts' secrets or queries).
// Who may call: any firmware module.
#include <string_view>

#include "firmware/core/fixed_string.hpp"

namespace ringside::fw {

// "https://host:8443/a/b?x=1" -> "/a/b"; "https://host" -> "/".
std::string_view url_path(std::string_view url);

// The RFC 8414 §3.1 metadata URL of `issuer`: "/.well-known/oauth-authorization-server"
// inserted between the authority and any path ("https://h/t" -> "https://h/.well-known/
// oauth-authorization-server/t"); for an issuer without a path that is {issuer}/.well-known/...
// A trailing '/' on the issuer is ignored. False when it doesn't fit `out`.
template <std::size_t N>
bool metadata_url(std::string_view issuer, FixedString<N>& out);

// Implementation detail of metadata_url: splits an absolute URL into "scheme://authority"
// and the path (possibly empty), dropping one trailing '/'.
void split_origin(std::string_view url, std::string_view& origin, std::string_view& path);

inline constexpr std::string_view kMetadataPath = "/.well-known/oauth-authorization-server";

template <std::size_t N>
bool metadata_url(std::string_view issuer, FixedString<N>& out) {
    std::string_view origin;
    std::string_view path;
    split_origin(issuer, origin, path);
    out.clear();
    const bool ok = out.append(origin) && out.append(kMetadataPath) && out.append(path);
    if (!ok) out.clear();
    return ok;
}

} // namespace ringside::fw
