// A client that sends a whole request and then half-closes (shutdown(SHUT_WR)), as HTTP/1.0
// clients and some load balancers do, still gets its whole answer: the FIN says "no more
// requests", not "do not answer".
#include <catch2/catch.hpp>

#include "cloud_server/child.hpp"
#include "cloud_server/raw_connection.hpp"

using namespace ringside::test;
using namespace std::chrono_literals;

TEST_CASE("a request followed by a half-close is answered in full", "[http][connections]") {
    CloudProcess cloud;
    const int port = port_of_issuer(cloud.issuer());
    int answered = 0;
    for (int i = 0; i < 20; ++i) {
        RawConnection c(port);
        REQUIRE(c.connected());
        REQUIRE(c.send(get_request("/.well-known/oauth-authorization-server")));
        c.half_close();
        const std::string answer = c.read_response(2s);
        // read_response stops at the announced length, so a whole body ends with the JSON's brace.
        if (answer.rfind("HTTP/1.1 200", 0) == 0 && !answer.empty() && answer.back() == '}') ++answered;
        // Nothing more can come on this connection: the server closes it.
        CHECK(c.closed_by_server(2s));
    }
    CHECK(answered == 20);
}

TEST_CASE("a half-closed form POST is answered too", "[http][connections]") {
    CloudProcess cloud;
    RawConnection c(port_of_issuer(cloud.issuer()));
    REQUIRE(c.connected());
    const std::string body = "client_id=ringside-speaker";
    REQUIRE(c.send("POST /oauth2/device_authorization HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                   "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
                   std::to_string(body.size()) + "\r\n\r\n" + body));
    c.half_close();
    const std::string answer = c.read_response(2s);
    CHECK(answer.rfind("HTTP/1.1 200", 0) == 0);
    CHECK(answer.find("\"device_code\"") != std::string::npos);
}
