#pragma once
// `ringside hil ...`: physical boards. `ports` lists serial ports (USB VID:PID, serial
// number); `port NAME|SERIAL` describes one or says clearly that it does not exist (exit 2).
#include <string>
#include <vector>

namespace ringside::cli {

int hil_command(const std::vector<std::string>& args);

} // namespace ringside::cli
