#include "sim/cloud_server/answer_delivery.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include "sim/cloud/virtual_time_headers.hpp"

namespace ringside::cloud {
namespace {

// A fault's delay is capped so that no test can park a server thread for long.
constexpr Millis kMaxDelay = std::chrono::minutes(2);

} // namespace

void deliver(const CloudResponse& response, const httplib::Request&, httplib::Response& to, bool virtual_clock) {
    if (virtual_clock) {
        if (response.delay > Millis(0)) to.set_header(kVirtualDelayHeader, std::to_string(response.delay.count()));
        if (response.dribble > Millis(0)) to.set_header(kVirtualDribbleHeader, std::to_string(response.dribble.count()));
        if (response.dropped) to.set_header(kVirtualDropHeader, "1");
    } else if (response.delay > Millis(0)) {
        // An injected delay holds this worker, not the cloud: other requests go on meanwhile.
        std::this_thread::sleep_for(std::min(response.delay, kMaxDelay));
    }
    to.status = response.dropped ? 504 : response.status;
    for (const auto& [name, value] : response.headers) to.set_header(name, value);
    to.set_content(response.body, response.content_type);
}

} // namespace ringside::cloud
