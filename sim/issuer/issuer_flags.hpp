#pragma once
// The issuer options every command that signs speakers in against a real authorization
// server takes, read by this one piece of code so they mean the same everywhere:
//   --issuer URL      the server (its RFC 8414 metadata is read)
//   --client-id ID    as registered at that server (default ringside-speaker)
//   --scope S         what the speaker asks for (default speaker; space-separated tokens)
//   --ca FILE         PEM CA to trust for an https issuer (default: the system's store)
// `ringside signin`, `ringside demo` and `ringside fleet` each loop over their command line
// and hand every argument to take_issuer_flag first; what it does not take is theirs.
// Who may call: any command-line parser, on any thread.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace ringside::sim {

struct IssuerFlags {
    std::string issuer;                          // empty: --issuer not given
    std::string client_id = "ringside-speaker";
    std::string scope = "speaker";
    std::string ca_file;                         // empty: the system's CA store
};

// A flag's value cannot be used; what() names the flag and what was expected. Each command
// turns it into its own usage error (exit 2).
struct IssuerFlagError : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

// If args[i] is one of the four flags, reads its value args[i + 1] into `flags`, leaves `i`
// on the value and returns true; otherwise returns false and reads nothing. Checks each
// value as it is read: the issuer an absolute http(s) URL; the client id 1 to 255 printable
// ASCII characters (RFC 6749 A.1); the scope space-separated tokens of RFC 6749 §3.3
// characters (no quote or backslash), at most 255; the CA file readable. Throws
// IssuerFlagError otherwise, or when the value is missing.
bool take_issuer_flag(const std::vector<std::string>& args, std::size_t& i, IssuerFlags& flags);

} // namespace ringside::sim
