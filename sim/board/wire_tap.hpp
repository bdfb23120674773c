#pragma once
// A test face on the speaker's network, for property checks (runner/properties/): `sent`
// sees each request as the firmware sends it (a streamed upload once whole), `delivered`
// each outcome as it reaches the firmware — an answer (error None) or a transport error —
// before any planted defect distorts it (sim/board/planted_defect.hpp). An answer lost on
// the way, dropped or cancelled is never delivered. Views live only for the call, which
// must not act on the world. Times are the world's virtual time.
#include <chrono>
#include <functional>

#include "cloud/service/cloud_types.hpp"
#include "firmware/hal/http_client.hpp"

namespace ringside::sim {

struct WireTap {
    std::function<void(hal::RequestId, const hal::HttpRequest&, std::chrono::milliseconds)> sent;
    std::function<void(hal::RequestId, hal::TransportError, const cloud::CloudResponse&, std::chrono::milliseconds)>
        delivered;
};

} // namespace ringside::sim
