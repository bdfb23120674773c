#pragma once
// `ringside signin --issuer URL [--client-id ID] [--scope S] [--ca FILE] [--timeout S]
// [--stay D]`: the virtual speaker, signed out on the home Wi-Fi, signs in against any
// RFC 8414 + RFC 8628 authorization server in real time (sim/issuer/issuer_session.hpp).
// The issuer flags are read as `ringside demo` and `ringside fleet` read them
// (sim/issuer/issuer_flags.hpp); a scope the server's metadata does not list is warned
// about on stderr first (sim/issuer/scope_warning.hpp). Prints what a person needs — the
// user code and where to enter it — then each change of the speaker's device/auth state
// and ring, each exchange with the server and each refresh's outcome
// (cli/issuer_exchanges.hpp; never a body or token), what the speaker says, and any
// problem the wire shows, until the speaker is linked or `--timeout` (default 600 s)
// passes. With `--stay D` (1 s to 24 h) the linked speaker keeps running for D of wall
// time, so its refreshes against that server show. For support engineers checking that a
// server (or a client id registered there) works with the speaker.
// Exit: 0 linked (and, with --stay, still linked at the end); 1 not linked in time, the
// speaker gave up (unrecoverable answer), or it lost its sign-in while staying;
// 2 bad usage or input.
#include <iosfwd>
#include <string>
#include <vector>

namespace ringside::cli {

int signin_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace ringside::cli
