// The handshake over a socketpair against a scripted board: a good answer, garbage before
// it, a board that missed the first Hello, one that stays silent, one that speaks another
// protocol version. Each ends in an identity or a clear error naming the port, in bounded time.
#include <catch2/catch.hpp>

#include <random>

#include "fake_board.hpp"
#include "hil/host/handshake.hpp"
#include "hil/host/link_error.hpp"
#include "link_test_support.hpp"

using namespace ringside;
using namespace ringside::test;
using Kind = hil::LinkError::Kind;

namespace {

hil::HandshakeOptions within(long long ms, long long resend_ms = 0) {
    hil::HandshakeOptions o;
    o.timeout = std::chrono::milliseconds(ms);
    o.resend_every = std::chrono::milliseconds(resend_ms);
    return o;
}

} // namespace

TEST_CASE("handshake: the board's HelloAck gives its identity, firmware and capabilities", "[hil_host]") {
    auto wire = socket_pair();
    FakeBoard board(wire.board, [](BoardEnd& b) { answer_hellos(b, milliseconds(1000)); });
    auto link = link_on(wire.host, "socketpair");
    Stopwatch clock;
    const hil::BoardIdentity id = hil::handshake(*link, within(2000));
    CHECK(clock.ms() < 500);
    CHECK(id.protocol == hil::kProtocolVersion);
    CHECK(id.board_id == "fake-board-1");
    CHECK(id.firmware_version == "0.0.0-test");
    CHECK(id.capabilities == 0x5);
    CHECK(id.chip == "FAKE-MCU");
    CHECK(id.build_id == "feedc0de");
    CHECK(link->counters().board_restarts == 0);
    CHECK(link->damage().empty());
}

TEST_CASE("handshake: garbage before the HelloAck is skipped, the link resynchronises at the next delimiter", "[hil_host]") {
    auto wire = socket_pair();
    FakeBoard board(wire.board, [](BoardEnd& b) {
        if (!b.wait_hello(milliseconds(1000))) return;
        // A boot banner, random line noise with delimiters in it, and half a frame.
        b.send_bytes(Bytes{'R', 'O', 'M', ' ', 'b', 'o', 'o', 't', '\r', '\n'});
        std::mt19937 noise(5);
        Bytes junk(300);
        for (auto& x : junk) x = static_cast<std::uint8_t>(noise());
        b.send_bytes(junk);
        Bytes half = BoardEnd::hello_ack_wire(0);
        half.resize(half.size() / 2);
        b.send_bytes(half);
        b.send_bytes(Bytes{0});
        b.send_hello_ack();
        b.send_observation();
        b.stay(milliseconds(1000));
    });
    auto link = link_on(wire.host, "socketpair");
    Stopwatch clock;
    const hil::BoardIdentity id = hil::handshake(*link, within(2000));
    CHECK(id.board_id == "fake-board-1");
    const hil::LinkCounters& c = link->counters();
    CHECK(c.malformed + c.bad_crc + c.overflow + c.bad_version >= 1);  // the noise was seen and counted
    CHECK(c.bytes_discarded > 300);
    // Noise before the answer is not damage; what follows the handshake is clean.
    auto next = link->receive(in_ms(1000));
    REQUIRE(next);
    CHECK(next->sequence == 1);
    CHECK(link->damage().empty());
    CHECK_NOTHROW(link->throw_if_damaged());
    CHECK(clock.ms() < 1000);
}

TEST_CASE("handshake: a board that missed the first Hello answers a resent one", "[hil_host]") {
    auto wire = socket_pair();
    FakeBoard board(wire.board, [](BoardEnd& b) {
        if (!b.wait_hello(milliseconds(1000))) return;  // ignored: still booting
        answer_hellos(b, milliseconds(600));
    });
    auto link = link_on(wire.host, "socketpair");
    Stopwatch clock;
    const hil::BoardIdentity id = hil::handshake(*link, within(2000, 200));
    CHECK(id.board_id == "fake-board-1");
    CHECK(clock.ms() >= 150);
    CHECK(clock.ms() < 1000);
}

TEST_CASE("handshake: a board that says it has booted is greeted at once, not at the next resend", "[hil_host]") {
    auto wire = socket_pair();
    FakeBoard board(wire.board, [](BoardEnd& b) {
        if (!b.wait_hello(milliseconds(1000))) return;  // ignored: its UART was not listening yet
        b.send_bytes(BoardEnd::wire(hil::MessageType::Boot, 0));
        b.set_sequence(1);
        answer_hellos(b, milliseconds(600));
    });
    auto link = link_on(wire.host, "socketpair");
    Stopwatch clock;
    const hil::BoardIdentity id = hil::handshake(*link, within(2000, 1500));  // a resend would come after 1.5 s
    CHECK(id.board_id == "fake-board-1");
    CHECK(clock.ms() < 1000);
    CHECK(link->counters().board_restarts == 0);  // coming up is no restart
}

TEST_CASE("handshake: a silent board ends in a timeout that names the port and says it sent nothing", "[hil_host]") {
    auto wire = socket_pair();
    FakeBoard board(wire.board, [](BoardEnd& b) { b.stay(milliseconds(1500)); });
    auto link = link_on(wire.host, "/dev/pts/99");
    Stopwatch clock;
    try {
        hil::handshake(*link, within(300, 100));
        FAIL("handshake succeeded with a silent board");
    } catch (const hil::LinkError& e) {
        CHECK(e.kind() == Kind::Timeout);
        CHECK(e.port() == "/dev/pts/99");
        CHECK(std::string(e.what()) ==
              "board on /dev/pts/99 sent no HelloAck within 300 ms (it sent nothing: is it powered, running the agent, "
              "and is this its port?)");
    }
    CHECK(clock.ms() >= 290);
    CHECK(clock.ms() < 800);
}

TEST_CASE("handshake: a board sending only noise (a wrong baud rate) times out with that hint", "[hil_host]") {
    auto wire = socket_pair();
    FakeBoard board(wire.board, [](BoardEnd& b) {
        b.wait_hello(milliseconds(1000));
        b.send_bytes(Bytes(64, 0xF0));  // what 115200 looks like to a 9600 receiver, roughly
        b.send_bytes(Bytes{0});
        b.stay(milliseconds(1500));
    });
    auto link = link_on(wire.host, "tcp:127.0.0.1:4001");
    Stopwatch clock;
    try {
        hil::handshake(*link, within(400));
        FAIL("handshake succeeded on noise");
    } catch (const hil::LinkError& e) {
        CHECK(e.kind() == Kind::Timeout);
        CHECK_THAT(e.what(), Catch::Contains("board on tcp:127.0.0.1:4001 sent no HelloAck within 400 ms") &&
                                 Catch::Contains("65 bytes that were not frames: wrong baud rate?"));
    }
    CHECK(clock.ms() < 900);
}

TEST_CASE("handshake: frames of another protocol version end in a clear WrongProtocol error", "[hil_host]") {
    auto wire = socket_pair();
    const std::uint8_t other = hil::kProtocolVersion + 7;
    FakeBoard board(wire.board, [other](BoardEnd& b) {
        if (!b.wait_hello(milliseconds(1000))) return;
        b.send_bytes(BoardEnd::wire_with_version(other, hil::MessageType::HelloAck, 0, {other, 0, 0, 0, 0, 0, 0, 0, 0}));
        b.stay(milliseconds(1500));
    });
    auto link = link_on(wire.host, "socketpair");
    Stopwatch clock;
    try {
        hil::handshake(*link, within(400));
        FAIL("handshake accepted another protocol version");
    } catch (const hil::LinkError& e) {
        CHECK(e.kind() == Kind::WrongProtocol);
        CHECK(std::string(e.what()) == "board on socketpair answers in protocol version " + std::to_string(other) +
                                           "; this host speaks protocol version " +
                                           std::to_string(hil::kProtocolVersion));
    }
    CHECK(link->counters().bad_version == 1);
    CHECK(link->counters().last_bad_version == other);
    CHECK(clock.ms() < 900);
}

TEST_CASE("handshake: a HelloAck announcing another version is refused at once", "[hil_host]") {
    auto wire = socket_pair();
    FakeBoard board(wire.board, [](BoardEnd& b) {
        if (!b.wait_hello(milliseconds(1000))) return;
        b.send_bytes(BoardEnd::hello_ack_wire(0, "old-board", "0.9", 0, hil::kProtocolVersion + 1));
    });
    auto link = link_on(wire.host, "socketpair");
    Stopwatch clock;
    try {
        hil::handshake(*link, within(2000));
        FAIL("handshake accepted another protocol version");
    } catch (const hil::LinkError& e) {
        CHECK(e.kind() == Kind::WrongProtocol);
        CHECK_THAT(e.what(), Catch::StartsWith("board on socketpair speaks protocol version " +
                                                std::to_string(hil::kProtocolVersion + 1)));
    }
    CHECK(clock.ms() < 500);  // no waiting out the timeout: the answer was clear
}

TEST_CASE("handshake: a HelloAck whose payload this host cannot read is a protocol error", "[hil_host]") {
    auto wire = socket_pair();
    FakeBoard board(wire.board, [](BoardEnd& b) {
        if (!b.wait_hello(milliseconds(1000))) return;
        b.send_bytes(BoardEnd::wire(hil::MessageType::HelloAck, 0, {hil::kProtocolVersion, 9}));
    });
    auto link = link_on(wire.host, "socketpair");
    try {
        hil::handshake(*link, within(1000));
        FAIL("handshake accepted an unreadable HelloAck");
    } catch (const hil::LinkError& e) {
        CHECK(e.kind() == Kind::WrongProtocol);
        CHECK_THAT(e.what(), Catch::Contains("sent a HelloAck this host cannot read (2-byte payload)"));
    }
}

TEST_CASE("handshake: a board that halted with a Fault is an error quoting it — at once, and on every read after", "[hil_host]") {
    const std::string what = "HardFault: pc 0x08000f6c, lr 0x08000f67, CFSR 0x00008200 (PRECISERR)";
    auto wire = socket_pair();
    FakeBoard board(wire.board, [&](BoardEnd& b) {
        // Halted at boot: the Fault goes out (again and again, as the board's halt loop
        // does), a Hello gets no answer.
        b.send_bytes(BoardEnd::fault_wire(what));
        b.wait_hello(milliseconds(300));
        b.send_bytes(BoardEnd::fault_wire(what));
        b.stay(milliseconds(1500));
    });
    auto link = link_on(wire.host, "socketpair");
    Stopwatch clock;
    const std::string expected = "the board on socketpair stopped: " + what;
    try {
        hil::handshake(*link, within(5000, 500));
        FAIL("the handshake did not notice the Fault");
    } catch (const hil::LinkError& e) {
        CHECK(e.kind() == Kind::BoardFault);
        CHECK(e.port() == "socketpair");
        CHECK(std::string(e.what()) == expected);
    }
    CHECK(clock.ms() < 1000);  // the Fault, not the handshake's deadline
    try {
        link->receive(in_ms(100));
        FAIL("a board that halted is still read from");
    } catch (const hil::LinkError& e) {
        CHECK(e.kind() == Kind::BoardFault);
        CHECK(std::string(e.what()) == expected);
    }
    CHECK(link->damage().empty());  // a Fault is outside the board's numbering: no gap
}
