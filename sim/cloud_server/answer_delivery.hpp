#pragma once
// How the HTTP server puts one CloudResponse on the wire, faults included: an injected
// delay, a drop, a slow dribble, a broken exchange. Kept apart from routing because this
// is where the server reaches below httplib's API (the exchange's socket).
// Who may call: the HTTP server's handler, once per public request, on its worker thread.
#include <httplib.h>

#include "sim/cloud/cloud_types.hpp"

namespace ringside::cloud {

// With `virtual_clock` (a tenant whose time the client moves), nothing is held in real time:
// a delay, a dribble and a drop are stated in headers for the client to play in its own
// virtual time (X-Ringside-Virtual-Delay-Ms, X-Ringside-Virtual-Dribble-Ms,
// X-Ringside-Virtual-Drop), while a broken exchange is still broken for real.
void deliver(const CloudResponse& response, const httplib::Request& request, httplib::Response& to,
             bool virtual_clock);

} // namespace ringside::cloud
