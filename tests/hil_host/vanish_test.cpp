// A port that goes away: the peer of a socketpair closes, the board's side of a real
// pseudo-terminal closes (either side), a pipe's reader leaves. Each ends in a "closed"
// error naming the port, at once, never a hang; and it stays closed.
#include <catch2/catch.hpp>

#include <unistd.h>

#include "fake_board.hpp"
#include "hil/host/handshake.hpp"
#include "hil/host/link_error.hpp"
#include "hil/host/open_transport.hpp"
#include "link_test_support.hpp"

using namespace ringside;
using namespace ringside::test;
using Kind = hil::LinkError::Kind;

namespace {

// Expects receive() to throw Closed naming `port`, quickly.
void expect_closed_on_receive(hil::BoardLink& link, const std::string& port) {
    Stopwatch clock;
    try {
        // Frames still on the wire are delivered first; then the close.
        for (int i = 0; i < 10; ++i) link.receive(in_ms(2000));
        FAIL("receive() did not notice the closed port");
    } catch (const hil::LinkError& e) {
        CHECK(e.kind() == Kind::Closed);
        CHECK(std::string(e.what()) == "the port " + port + " closed");
    }
    CHECK(clock.ms() < 1000);
    CHECK(link.closed());
    CHECK_THROWS_AS(link.receive(in_ms(100)), hil::LinkError);  // and on every call after
}

void send_something(hil::BoardLink& link) {
    hil::Frame f;
    f.type = static_cast<hil::MessageType>(0x10);
    link.send(f);
}

hil::HandshakeOptions quick() {
    hil::HandshakeOptions o;
    o.timeout = std::chrono::milliseconds(1000);
    return o;
}

} // namespace

TEST_CASE("vanished port: the socketpair peer closes mid-session", "[hil_host]") {
    auto wire = socket_pair();
    FakeBoard board(wire.board, [](BoardEnd& b) {
        if (!b.wait_hello(milliseconds(1000))) return;
        b.send_hello_ack();
        b.send_observation();
        b.close();  // pulled the cable
    });
    auto link = link_on(wire.host, "socketpair");
    hil::handshake(*link, quick());
    expect_closed_on_receive(*link, "socketpair");
    Stopwatch clock;
    hil::Frame f;
    f.type = static_cast<hil::MessageType>(0x10);
    CHECK_THROWS_WITH(link->send(f), "the port socketpair closed");
    CHECK(clock.ms() < 100);
}

TEST_CASE("vanished port: the board closes before answering the Hello", "[hil_host]") {
    auto wire = socket_pair();
    FakeBoard board(wire.board, [](BoardEnd& b) {
        b.wait_hello(milliseconds(1000));
        b.close();
    });
    auto link = link_on(wire.host, "tcp:127.0.0.1:4001");
    Stopwatch clock;
    try {
        hil::handshake(*link, quick());
        FAIL("handshake succeeded on a closed port");
    } catch (const hil::LinkError& e) {
        CHECK(e.kind() == Kind::Closed);
        CHECK(std::string(e.what()) == "the port tcp:127.0.0.1:4001 closed");
    }
    CHECK(clock.ms() < 500);
}

TEST_CASE("vanished port: the PTY slave goes away under a host holding the master", "[hil_host]") {
    Pty pty = open_pty(true);
    FakeBoard board(pty.slave, [](BoardEnd& b) {
        if (!b.wait_hello(milliseconds(1000))) return;
        b.send_hello_ack();
        b.read_frame(milliseconds(1000));  // the host has the answer: now vanish
        b.close();                         // the emulator exited
    });
    auto link = link_on(pty.master, "pty master of " + pty.slave_path);
    const hil::BoardIdentity id = hil::handshake(*link, quick());
    CHECK(id.board_id == "fake-board-1");
    send_something(*link);
    expect_closed_on_receive(*link, "pty master of " + pty.slave_path);
}

TEST_CASE("vanished port: the PTY master goes away under a host that opened the slave by path", "[hil_host]") {
    Pty pty = open_pty(false);
    FakeBoard board(pty.master, [](BoardEnd& b) {
        if (!b.wait_hello(milliseconds(1000))) return;
        b.send_hello_ack();
        // A PTY's hang-up discards what the reader has not read yet, so the board waits
        // until the host has its answer before it goes.
        b.read_frame(milliseconds(1000));
        b.close();
    });
    hil::BoardLink link(hil::open_transport(hil::parse_port_spec(pty.slave_path)));
    hil::handshake(link, quick());
    send_something(link);
    expect_closed_on_receive(link, pty.slave_path);
}

TEST_CASE("vanished port: a pipe pair whose board end closes gives Closed, and no SIGPIPE", "[hil_host]") {
    int to_board[2], to_host[2];
    REQUIRE(::pipe(to_board) == 0);
    REQUIRE(::pipe(to_host) == 0);
    ::close(to_board[0]);  // the board never reads ...
    ::close(to_host[1]);   // ... and never writes: it is gone
    hil::BoardLink link(std::make_unique<hil::FdTransport>(to_host[0], to_board[1], "pipes"));
    Stopwatch clock;
    hil::Frame f;
    f.type = static_cast<hil::MessageType>(0x10);
    CHECK_THROWS_WITH(link.send(f), "the port pipes closed");  // EPIPE, not a dead process
    CHECK(clock.ms() < 100);
}

TEST_CASE("busy port: a PTY another harness holds is refused as busy, naming it", "[hil_host]") {
    Pty pty = open_pty(false);
    auto first = hil::open_transport(hil::parse_port_spec(pty.slave_path));
    Stopwatch clock;
    try {
        hil::open_transport(hil::parse_port_spec(pty.slave_path));
        FAIL("two harnesses opened one board");
    } catch (const hil::LinkError& e) {
        CHECK(e.kind() == Kind::Busy);
        CHECK(e.is_open_failure());
        CHECK(std::string(e.what()) == "the port " + pty.slave_path + " is busy: another program has it locked");
    }
    CHECK(clock.ms() < 100);
    ::close(pty.master);
}
