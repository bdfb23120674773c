#pragma once
// `ringside hil ...`: physical boards. `ports` lists serial ports (USB VID:PID, serial
// number); `port NAME|SERIAL` describes one or says clearly that it does not exist (exit 2);
// `ping --port PORT` handshakes with a board and times Hello round trips (cli/hil_ping.hpp).
#include <string>
#include <vector>

namespace ringside::cli {

int hil_command(const std::vector<std::string>& args);

} // namespace ringside::cli
