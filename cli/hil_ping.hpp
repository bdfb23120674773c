#pragma once
// `ringside hil ping --port PORT [--baud N] [--count N] [--timeout MS]`: opens the port, does
// the handshake, prints the board's identity and the round-trip times of N Hello/HelloAck
// exchanges (median and p99, ms). Exit 0: the board answered every Hello; 1: it did not
// (silent, another protocol, the port closed, a damaged link); 2: bad usage or a port that
// cannot be opened (missing, busy, no permission, refused). Who calls: hil_command().
#include <iosfwd>
#include <string>
#include <vector>

namespace ringside::cli {

int hil_ping(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace ringside::cli
