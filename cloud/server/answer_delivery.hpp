#pragma once
// How the HTTP server puts one CloudResponse on the wire, faults included: an injected
// delay, a drop, a slow dribble, a broken exchange. Kept apart from routing because this
// is where the server reaches below httplib's API (the exchange's socket).
// Who may call: the HTTP server's handler, once per public request, on its worker thread.
#include <httplib.h>

#include "cloud/service/cloud_types.hpp"

namespace ringside::cloud {

// One response in, the wire out: the faults it carries (delay, drop, dribble, break) are done
// here with real sleeps and real socket operations, each bounded (at most 2 min). With
// `virtual_clock` (a tenant whose time the client moves) nothing is done in real time: each
// fault is stated in headers for the client to play in its own virtual time
// (cloud/service/virtual_time_headers.hpp).
void deliver(const CloudResponse& response, const httplib::Request& request, httplib::Response& to,
             bool virtual_clock);

} // namespace ringside::cloud
