// Out of file descriptors, the cloud neither stops nor stops answering: it closes the
// connection idle longest to take the new one (or, with nothing to close, takes the new
// one off the backlog and closes it, rather than leaving it hanging).
#include <catch2/catch.hpp>

#include <sys/resource.h>

#include <vector>

#include "cloud_server/child.hpp"
#include "cloud_server/raw_connection.hpp"

using namespace ringside::test;
using namespace std::chrono_literals;

TEST_CASE("a cloud out of descriptors still answers a new client", "[http][connections]") {
    REQUIRE(raise_descriptor_limit() >= 400);
    CloudProcess cloud;
    // 64 descriptors for the whole server, far below the connections it was told it may hold.
    const rlimit tight{64, 64};
    REQUIRE(prlimit(cloud.pid(), RLIMIT_NOFILE, &tight, nullptr) == 0);
    const int port = port_of_issuer(cloud.issuer());
    std::vector<RawConnection> held;
    for (int i = 0; i < 200; ++i) held.emplace_back(port);

    int answered = 0;
    for (int i = 0; i < 3; ++i) {
        RawConnection c(port);
        if (c.connected() && c.send(get_request("/.well-known/oauth-authorization-server", true)) &&
            c.read_response(3s).rfind("HTTP/1.1 200", 0) == 0)
            ++answered;
    }
    CHECK(answered == 3);
    CHECK(cloud.running());
    // The oldest idle connections made room: the server closed them.
    CHECK(held.front().closed_by_server(1s));
}
