#include "runner/target.hpp"

#include "hil/host/board_device.hpp"
#include "hil/host/link_error.hpp"

namespace ringside::runner {

sim::DeviceFactory device_factory(const RunOptions& options) {
    if (options.target == RunOptions::Target::Sim) return {};
    // Asked once up front: a wrong port is a usage error, not one failure per scenario.
    try {
        hil::check_board(options.port, options.baud);
    } catch (const hil::LinkError& e) {
        throw UsageError(e.what());
    }
    hil::BoardDeviceOptions board;
    if (options.board_timeout_ms > 0) {
        board.answer_within = std::chrono::milliseconds(options.board_timeout_ms);
        board.answer_within_fixed = true;
    }
    return hil::board_device_factory(options.port, options.baud, board);
}

} // namespace ringside::runner
