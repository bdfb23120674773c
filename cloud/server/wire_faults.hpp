#pragma once
// Transport faults done for real to an exchange's socket, below httplib: the client sees
// exactly what a broken server or middlebox would make it see (curl: 52 empty reply, 56
// reset or bad chunk, 1 or 8 for bytes that are not HTTP). After any of them the socket is
// shut, so whatever httplib then tries to write is refused and the connection closes.
// Who may call: the answer delivery (answer_delivery.cpp), on the handler's thread.
#include <httplib.h>

#include "cloud/service/cloud_types.hpp"

namespace ringside::cloud {

// Breaks the exchange the way `response.broken` says (RandomBytes sends `response.body`;
// MalformedChunk sends `response`'s status line and headers, then a chunked body whose
// second chunk-size line is not hex). False when the exchange's socket cannot be found:
// then nothing was done.
bool break_exchange(const CloudResponse& response, const httplib::Request& request);

// Holds the exchange open without a byte until the client goes away or `at_most` passes,
// then closes it. False when the exchange's socket cannot be found.
bool hold_then_close(const httplib::Request& request, Millis at_most);

} // namespace ringside::cloud
