// A fleet, or a few slow clients, must not stop the cloud: with hundreds of connections
// open and silent (or stalled halfway through a request line), a new client still gets the
// metadata at once. The old model (one pool thread per connection until its keep-alive or
// read timeout) answered nothing within 30 s with 500 idle connections.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <thread>
#include <vector>

#include "cloud_server/child.hpp"
#include "cloud_server/raw_connection.hpp"

using namespace ringside::test;
using namespace std::chrono_literals;

namespace {

constexpr const char* kMetadata = "/.well-known/oauth-authorization-server";
constexpr int kHeld = 500;

std::vector<RawConnection> hold_connections(int port, const std::string& first_bytes) {
    std::vector<RawConnection> held;
    held.reserve(kHeld);
    for (int i = 0; i < kHeld; ++i) {
        held.emplace_back(port);
        if (!first_bytes.empty()) held.back().send(first_bytes);
    }
    return held;
}

// The wall time of one metadata exchange on a fresh connection; `cap` when unanswered.
std::chrono::milliseconds timed_metadata(int port, std::chrono::milliseconds cap) {
    const auto start = std::chrono::steady_clock::now();
    RawConnection c(port);
    if (!c.connected() || !c.send(get_request(kMetadata, true))) return cap;
    const std::string answer = c.read_response(cap);
    if (answer.rfind("HTTP/1.1 200", 0) != 0 || answer.find("\"issuer\"") == std::string::npos) return cap;
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
}

// The best of three: one exchange can lose its core to the other engineer's build, three
// in a row cannot unless the server itself is stuck.
std::chrono::milliseconds best_of_three(int port) {
    std::chrono::milliseconds best = 3s;
    for (int i = 0; i < 3; ++i) best = std::min(best, timed_metadata(port, 3s));
    return best;
}

void check_held_while_answering(const std::string& first_bytes) {
    REQUIRE(raise_descriptor_limit() >= kHeld + 64);
    CloudProcess cloud;
    const int port = port_of_issuer(cloud.issuer());
    std::vector<RawConnection> held = hold_connections(port, first_bytes);
    const auto open = std::count_if(held.begin(), held.end(), [](const RawConnection& c) { return c.connected(); });
    REQUIRE(open == kHeld);

    const auto best = best_of_three(port);
    INFO("metadata with " << kHeld << " connections held: best of 3 took " << best.count() << " ms");
    CHECK(best < 100ms);
    // The held connections were parked, not dropped: the last one still gets its answer
    // once it completes its request.
    RawConnection& last = held.back();
    const std::string rest = first_bytes.empty() ? get_request(kMetadata) : std::string(" HTTP/1.1\r\nHost: x\r\n\r\n");
    REQUIRE(last.send(rest));
    CHECK(last.read_response(3s).rfind("HTTP/1.1 200", 0) == 0);
    CHECK(cloud.running());
}

} // namespace

TEST_CASE("metadata within 100 ms while 500 idle connections are held open", "[http][connections]") {
    check_held_while_answering("");
}

TEST_CASE("metadata within 100 ms while 500 connections stall inside their request line", "[http][connections]") {
    check_held_while_answering(std::string("GET ") + kMetadata);
}

// A large body is read by the thread serving it, not parked: a client that sends the head
// and then stalls holds that thread. More such clients than the server has threads (2 on
// two cores) must still leave a new client answered: waiting on a client starts another.
TEST_CASE("metadata within 100 ms while 8 clients stall inside a body too large to park", "[http][connections]") {
    CloudProcess cloud;
    const int port = port_of_issuer(cloud.issuer());
    std::vector<RawConnection> stalled;
    for (int i = 0; i < 8; ++i) {
        stalled.emplace_back(port);
        REQUIRE(stalled.back().send("POST /oauth2/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
                                    "Content-Length: 50000\r\n\r\n" + std::string(100, 'a')));
    }
    std::this_thread::sleep_for(200ms);  // every stalled request has reached a thread
    const auto best = best_of_three(port);
    INFO("metadata with 8 stalled bodies: best of 3 took " << best.count() << " ms");
    CHECK(best < 100ms);
    CHECK(cloud.running());
}
