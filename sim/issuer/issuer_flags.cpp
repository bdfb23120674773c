#include "sim/issuer/issuer_flags.hpp"

#include <fstream>

#include "sim/board/url.hpp"

namespace ringside::sim {
namespace {

constexpr std::size_t kMaxValue = 255;

// RFC 6749 A.1: client-id = *VSCHAR, VSCHAR = %x20-7E.
bool client_id_ok(const std::string& v) {
    if (v.empty() || v.size() > kMaxValue) return false;
    for (const char c : v)
        if (c < 0x20 || c > 0x7E) return false;
    return true;
}

// RFC 6749 §3.3: scope = scope-token *( SP scope-token ),
// scope-token = 1*( %x21 / %x23-5B / %x5D-7E ).
bool scope_ok(const std::string& v) {
    if (v.empty() || v.size() > kMaxValue || v.front() == ' ' || v.back() == ' ') return false;
    for (std::size_t k = 0; k < v.size(); ++k) {
        const char c = v[k];
        if (c == ' ') {
            if (v[k + 1] == ' ') return false;  // one space between tokens
            continue;
        }
        if (c < 0x21 || c > 0x7E || c == '"' || c == '\\') return false;
    }
    return true;
}

} // namespace

bool take_issuer_flag(const std::vector<std::string>& args, std::size_t& i, IssuerFlags& flags) {
    const std::string& a = args[i];
    if (a != "--issuer" && a != "--client-id" && a != "--scope" && a != "--ca") return false;
    if (i + 1 >= args.size()) throw IssuerFlagError(a + " needs a value");
    const std::string& v = args[++i];
    if (a == "--issuer") {
        if (!parse_url(v)) throw IssuerFlagError("--issuer " + v + ": expected an absolute http:// or https:// URL");
        flags.issuer = v;
    } else if (a == "--client-id") {
        if (!client_id_ok(v))
            throw IssuerFlagError("--client-id '" + v + "': expected 1 to 255 printable ASCII characters (RFC 6749 A.1)");
        flags.client_id = v;
    } else if (a == "--scope") {
        if (!scope_ok(v))
            throw IssuerFlagError("--scope '" + v +
                                  "': expected scope tokens separated by single spaces, such as 'speaker' or "
                                  "'openid profile' (RFC 6749 3.3: printable ASCII but \" and \\, at most 255)");
        flags.scope = v;
    } else {
        if (!std::ifstream(v)) throw IssuerFlagError("--ca " + v + ": cannot read the file (a PEM CA certificate)");
        flags.ca_file = v;
    }
    return true;
}

} // namespace ringside::sim
