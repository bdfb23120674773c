#pragma once
// Which speaker a run plays against: the virtual board in process (--target sim) or a board
// on a serial link (--target hil --port ...). Who may call: run_command.
#include "runner/run_options.hpp"
#include "runner/scenario_executor.hpp"
#include "sim/device.hpp"

namespace ringside::runner {

// The device factory for `options`' target (empty for the virtual board). Throws UsageError
// when the port cannot be used.
sim::DeviceFactory device_factory(const RunOptions& options);

// The cloud and the speaker `options` ask for (--cloud URL, --target), each checked once up
// front. Throws UsageError for a port that cannot be used, cloud::CloudLost for a --cloud
// that does not answer.
WorldMakers world_makers(const RunOptions& options);

} // namespace ringside::runner
