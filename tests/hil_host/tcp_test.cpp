// The TCP transport against a loopback listener (127.0.0.1 only), as a lab's ser2net or the
// board emulator would serve a board: handshake, round trips, a server that goes away, a
// port where nothing listens.
#include <catch2/catch.hpp>

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fake_board.hpp"
#include "hil/host/handshake.hpp"
#include "hil/host/link_error.hpp"
#include "hil/host/open_transport.hpp"
#include "hil/host/round_trips.hpp"
#include "hil/host/tcp_transport.hpp"
#include "link_test_support.hpp"

using namespace ringside;
using namespace ringside::test;
using Kind = hil::LinkError::Kind;

namespace {

// Accepts one connection within a second and runs `script` on it (in the board's thread).
FakeBoard::Script serve_one(int listener, FakeBoard::Script script) {
    return [listener, script](BoardEnd&) {
        pollfd p{listener, POLLIN, 0};
        if (::poll(&p, 1, 1000) != 1) return;
        const int fd = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) return;
        BoardEnd connection(fd);
        script(connection);
        connection.close();
    };
}

} // namespace

TEST_CASE("tcp transport: handshake and round trips with a board behind a loopback server", "[hil_host]") {
    auto listener = listen_loopback();
    FakeBoard board(-1, serve_one(listener->fd, [](BoardEnd& b) { answer_hellos(b, milliseconds(1000)); }));
    Stopwatch clock;
    const std::string port = "tcp:127.0.0.1:" + std::to_string(listener->port);
    hil::BoardLink link(hil::open_transport(hil::parse_port_spec(port)));
    CHECK(link.port() == port);
    const hil::BoardIdentity id = hil::handshake(link);
    CHECK(id.board_id == "fake-board-1");
    const hil::RoundTrips trips = hil::measure_round_trips(link, 20);
    CHECK(trips.samples.size() == 20);
    CHECK(clock.ms() < 2000);
}

TEST_CASE("tcp transport: the server closing the connection is a closed port", "[hil_host]") {
    auto listener = listen_loopback();
    FakeBoard board(-1, serve_one(listener->fd, [](BoardEnd& b) {
        if (b.wait_hello(milliseconds(1000))) b.send_hello_ack();
    }));
    const std::string port = "tcp:127.0.0.1:" + std::to_string(listener->port);
    hil::BoardLink link(hil::open_transport(hil::parse_port_spec(port)));
    hil::handshake(link);
    Stopwatch clock;
    CHECK_THROWS_WITH(link.receive(in_ms(2000)), "the port " + port + " closed");
    CHECK(clock.ms() < 1000);
}

TEST_CASE("tcp transport: a loopback port where nothing listens is refused at once, naming it", "[hil_host]") {
    std::uint16_t free_port = 0;
    {
        auto listener = listen_loopback();
        free_port = listener->port;
    }  // closed: nothing listens there now
    const std::string port = "tcp:127.0.0.1:" + std::to_string(free_port);
    Stopwatch clock;
    try {
        hil::open_transport(hil::parse_port_spec(port));
        FAIL("connected to a closed port");
    } catch (const hil::LinkError& e) {
        CHECK(e.kind() == Kind::ConnectFailed);
        CHECK(e.is_open_failure());
        CHECK(std::string(e.what()) == "nothing listens at " + port + " (connection refused)");
    }
    CHECK(clock.ms() < 500);
}

TEST_CASE("tcp transport: IPv6 loopback in brackets", "[hil_host]") {
    const int fd = ::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in6 a{};
    a.sin6_family = AF_INET6;
    a.sin6_addr = in6addr_loopback;
    socklen_t len = sizeof a;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&a), len) != 0 || ::listen(fd, 1) != 0) {
        if (fd >= 0) ::close(fd);
        WARN("no IPv6 loopback here; skipped");
        return;
    }
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    const std::string port = "tcp:[::1]:" + std::to_string(ntohs(a.sin6_port));
    {
        FakeBoard board(-1, serve_one(fd, [](BoardEnd& b) { answer_hellos(b, milliseconds(1000)); }));
        hil::BoardLink link(hil::open_transport(hil::parse_port_spec(port)));
        CHECK(link.port() == port);
        CHECK(hil::handshake(link).board_id == "fake-board-1");
    }
    ::close(fd);
}

TEST_CASE("tcp transport: a server that never accepts ends the connect at its timeout, naming the port", "[hil_host]") {
    // A listener whose accept queue is full: Linux drops further SYNs, so a connect hangs
    // (as toward a host that is down) until our deadline ends it.
    auto listener = listen_loopback();
    ::listen(listener->fd, 0);
    std::vector<int> fillers;
    for (int i = 0; i < 4; ++i) {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = htons(listener->port);
        ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
        fillers.push_back(fd);
    }
    const std::string port = "tcp:127.0.0.1:" + std::to_string(listener->port);
    hil::OpenOptions options;
    options.connect_timeout = std::chrono::milliseconds(300);
    Stopwatch clock;
    try {
        hil::open_transport(hil::parse_port_spec(port), options);
        FAIL("connected to a server whose accept queue is full");
    } catch (const hil::LinkError& e) {
        CHECK(e.kind() == Kind::ConnectFailed);
        CHECK(std::string(e.what()) == port + " did not accept a connection within 300 ms");
    }
    CHECK(clock.ms() >= 290);
    CHECK(clock.ms() < 800);
    for (int fd : fillers) ::close(fd);
}
