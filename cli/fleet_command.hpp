#pragma once
// `ringside fleet --issuer URL --speakers N [--ramp R/s] [--duration D] ...` (docs/fleet.md):
// N virtual speakers sign in and keep refreshing against any RFC 8628 server in real time,
// a load test as k6 runs one for web APIs. Prints live progress (one updating line on a
// terminal, a plain line every 5 s otherwise) and a summary; `--json FILE` writes the
// summary as JSON. SIGINT or SIGTERM end the run early, summary included.
// Exit: 0 every started speaker linked and stayed linked; 1 some did not; 2 bad usage or
// input (the message names the option and what was expected).
#include <iosfwd>
#include <string>
#include <vector>

namespace ringside::cli {

// `out_is_terminal`: progress as one line rewritten in place (else plain lines).
int fleet_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, bool out_is_terminal);

} // namespace ringside::cli
