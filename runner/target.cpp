#include "runner/target.hpp"

namespace ringside::runner {

sim::DeviceFactory device_factory(const RunOptions& options) {
    if (options.target == RunOptions::Target::Sim) return {};
    throw UsageError("--target hil: the board link is not in this build yet");
}

} // namespace ringside::runner
