#include "runner/target.hpp"

#include "hil/host/board_device.hpp"
#include "hil/host/link_error.hpp"
#include "sim/cloud_client/remote_cloud.hpp"

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
    if (options.board_timeout) {
        board.answer_within = *options.board_timeout;
        board.answer_within_fixed = true;
    }
    return hil::board_device_factory(options.port, options.baud, board);
}

WorldMakers world_makers(const RunOptions& o) {
    WorldMakers makers;
    cloud::RemoteCloudOptions remote{o.cloud_url, o.cloud_token, o.cloud_ca};
    if (!o.cloud_url.empty()) {
        cloud::RemoteCloud::check(remote);
        makers.cloud = [remote](const cloud::CloudConfig& c) { return std::make_unique<cloud::RemoteCloud>(remote, c); };
    }
    makers.device = device_factory(o);
    return makers;
}

} // namespace ringside::runner
