#pragma once
// `ringside replay`: a recorded board session played again on the virtual speaker's board
// (sim/board/virtual_board.hpp, the reference firmware) — every input the board got, at the
// virtual time it got it — while what the virtual board does is compared, event by event
// and to the millisecond, with what the recorded board did. The first difference is the
// answer: where a customer's board left the reference behaviour, and in which step.
// Who may call: the replay command, tests.
#include <optional>
#include <string>

#include "hil/session/session_file.hpp"

namespace ringside::hil {

struct ReplayOutcome {
    std::size_t inputs = 0;           // inputs played
    std::size_t outputs_matched = 0;  // outputs that matched before any divergence
    // The first divergence, for a person: virtual time, the step, what each side did.
    std::optional<std::string> divergence;
    std::optional<RecordedStep> step;  // the step being played when it diverged
};

ReplayOutcome replay(const Recording& recording);

} // namespace ringside::hil
