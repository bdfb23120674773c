// The firmware's answers to the cloud, fuzzed through the real Speaker on the test board
// (tests/firmware/fake_board.hpp): the first byte picks which answer the fuzz bytes stand
// for (metadata, code pair, token poll, refresh) and the status; the rest is the body.
// Whatever the body, the firmware must not crash, must stay in a known state and keep its
// back-off (no request storm: at most a handful of requests per simulated minute).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "tests/firmware/fake_board.hpp"

using namespace std::chrono_literals;
using ringside::test::Rig;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const int which = data[0] & 3;
    const int status = (data[0] & 4) ? 400 : 200;
    const std::string body(reinterpret_cast<const char*>(data + 1), size - 1);

    Rig r;
    r.advance(2s);
    r.provision();
    r.wifi_joined();
    if (which == 0) {
        r.respond(status, body);
    } else {
        r.respond(200, Rig::metadata());
        if (which == 1) {
            r.respond(status, body);
        } else {
            r.respond(200, Rig::code());
            r.advance(5s);
            if (which == 2) {
                r.respond(status, body);
            } else {
                r.respond(200, Rig::tokens());
                r.advance(2h);  // the refresh is due
                if (r.has_outstanding()) r.respond(status, body);
            }
        }
    }
    // Ten minutes on, answering every request with the same body: bounded by the back-off.
    const std::size_t before = r.hw.http.sent.size();
    for (int i = 0; i < 600; ++i) {
        if (r.has_outstanding()) r.respond(status, body);
        r.advance(1s);
    }
    if (r.hw.http.sent.size() - before > 200) __builtin_trap();  // a storm
    return 0;
}
