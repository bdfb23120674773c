// Answers an injected fault holds (a delay, a drop) each keep a worker waiting; the server
// starts more workers meanwhile, so other clients are still answered at once.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>
#include <vector>

#include "cloud_server/fault_test_support.hpp"
#include "cloud_server/raw_connection.hpp"

using namespace ringside::test;
using namespace std::chrono_literals;

TEST_CASE("twelve delayed answers do not hold up a metadata request", "[http][connections][faults]") {
    CloudProcess cloud;
    // Every device authorization is held 3 s (count=0: sticky).
    REQUIRE(add_fault(cloud, {"endpoint=device_authorization", "delay_ms=3000", "count=0"}).status == 201);
    const int port = port_of_issuer(cloud.issuer());
    const std::string body = "client_id=ringside-speaker";
    const std::string held_request = "POST /oauth2/device_authorization HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                     "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
                                     std::to_string(body.size()) + "\r\n\r\n" + body;
    std::vector<RawConnection> held;
    for (int i = 0; i < 12; ++i) {
        held.emplace_back(port);
        REQUIRE(held.back().send(held_request));
    }
    std::this_thread::sleep_for(200ms);  // every held request has reached a worker and its wait

    const auto start = std::chrono::steady_clock::now();
    RawConnection c(port);
    REQUIRE(c.send(get_request("/.well-known/oauth-authorization-server", true)));
    const std::string answer = c.read_response(2s);
    const auto took = std::chrono::steady_clock::now() - start;
    CHECK(answer.rfind("HTTP/1.1 200", 0) == 0);
    CHECK(took < 1s);  // well inside the 3 s the held answers wait
    // And the held ones are answered after their delay.
    for (RawConnection& h : held) CHECK(h.read_response(6s).rfind("HTTP/1.1 200", 0) == 0);
}
