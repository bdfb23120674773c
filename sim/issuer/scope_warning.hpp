#pragma once
// A scope the issuer does not advertise, found before the speaker signs in: RFC 8414's
// scopes_supported (RECOMMENDED, so often absent) lists the scopes a server supports; a
// speaker asking for another is likely refused with invalid_scope — or, by some OpenID
// providers, with access_denied once the person approves — which only shows after a code
// was shown and typed. `ringside signin`, `ringside demo --issuer` and `ringside fleet`
// print the warning on stderr and sign in anyway (a server MAY leave scopes out).
// Who may call: any thread.
#include <string>
#include <vector>

#include "sim/issuer/issuer_flags.hpp"

namespace ringside::sim {

// The tokens of `scope` (space-separated) that `metadata_json`'s scopes_supported array
// does not list, in order; `listed` gets the array's strings. Empty when every token is
// listed, and when the document is not a JSON object or has no scopes_supported array
// (nothing is known then, so nothing is warned about).
std::vector<std::string> unlisted_scopes(const std::string& scope, const std::string& metadata_json,
                                         std::vector<std::string>& listed);

// The warning for `flags` as one line ending in a newline, or empty: fetches the issuer's
// metadata (blocks one round trip, bounded by 3 s connect and 10 s read). A server that
// cannot be reached gives no warning here: the speaker's own exchanges name that problem.
// What the server lists is printed bounded (at most 20 scopes, each printable ASCII, at
// most 64 characters), as a server's text must be.
std::string scope_warning(const IssuerFlags& flags);

} // namespace ringside::sim
