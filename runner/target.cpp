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
    return hil::board_device_factory(options.port, options.baud);
}

} // namespace ringside::runner
