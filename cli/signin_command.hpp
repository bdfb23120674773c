#pragma once
// `ringside signin --issuer URL [--timeout S] [--client-id ID] [--scope S] [--ca FILE]`:
// the virtual speaker, signed out on the home Wi-Fi, signs in against any RFC 8414 +
// RFC 8628 authorization server in real time (sim/issuer/issuer_session.hpp). Prints what a
// person needs — the user code and where to enter it — then each change of the speaker's
// device/auth state and ring, each exchange with the server (method, path, endpoint,
// status, OAuth error; never a body or token), and any problem the wire shows, until the
// speaker is linked or `--timeout` (default 600 s) passes. For support engineers checking
// that a server (or a client id registered there) works with the speaker.
// Exit: 0 linked; 1 not linked in time, or the speaker gave up (unrecoverable answer);
// 2 bad usage or input.
#include <iosfwd>
#include <string>
#include <vector>

namespace ringside::cli {

int signin_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace ringside::cli
