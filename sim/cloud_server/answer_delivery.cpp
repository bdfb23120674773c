#include "sim/cloud_server/answer_delivery.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

namespace ringside::cloud {
namespace {

// A fault's delay is capped so that no test can park a server thread for long.
constexpr Millis kMaxDelay = std::chrono::minutes(2);

} // namespace

void deliver(const CloudResponse& response, const httplib::Request&, httplib::Response& to) {
    // An injected delay holds this worker, not the cloud: other requests go on meanwhile.
    if (response.delay > Millis(0)) std::this_thread::sleep_for(std::min(response.delay, kMaxDelay));
    to.status = response.status;
    for (const auto& [name, value] : response.headers) to.set_header(name, value);
    to.set_content(response.body, response.content_type);
}

} // namespace ringside::cloud
