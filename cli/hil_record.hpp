#pragma once
// `ringside hil record` and `ringside replay`: capture a board session, play it again on the
// virtual speaker. Who may call: the CLI's main.
#include <ostream>
#include <string>
#include <vector>

namespace ringside::cli {

// hil record SCENARIO --port PORT [--baud N] [--seed N] --out FILE
// Exit 0: recorded, the scenario passed; 1: recorded, the scenario failed; 2: bad input,
// or the board could not be driven.
int hil_record(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// replay FILE. Exit 0: the virtual speaker did what the board did; 1: it diverged (the
// first divergence is printed); 2: not a recording.
int replay_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace ringside::cli
