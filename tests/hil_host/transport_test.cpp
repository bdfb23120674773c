// The transports themselves: deadlines honoured, PTYs raw (every byte value crosses
// unchanged), a pipe pair as one wire, a board that stops reading makes a write time out.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <numeric>

#include "fake_board.hpp"
#include "hil/host/handshake.hpp"
#include "hil/host/link_error.hpp"
#include "hil/host/open_transport.hpp"
#include "hil/host/round_trips.hpp"
#include "link_test_support.hpp"

using namespace ringside;
using namespace ringside::test;

TEST_CASE("fd transport: read() waits no longer than its deadline", "[hil_host]") {
    auto wire = socket_pair();
    hil::FdTransport t(wire.host, "socketpair");
    std::uint8_t buffer[16];
    Stopwatch clock;
    const hil::ReadResult r = t.read(buffer, sizeof buffer, in_ms(150));
    CHECK(r.status == hil::ReadResult::Status::Timeout);
    CHECK(clock.ms() >= 140);
    CHECK(clock.ms() < 400);
    ::close(wire.board);
}

TEST_CASE("fd transport: a PTY opened by path is raw, CR, LF, ^C, ^D, XON/XOFF and 0x7f cross unchanged", "[hil_host]") {
    Pty pty = open_pty(false);
    Bytes every_byte(255);
    std::iota(every_byte.begin(), every_byte.end(), std::uint8_t{1});  // 1..255: COBS has no 0 in a payload
    FakeBoard board(pty.master, [&](BoardEnd& b) {
        // Echo each frame's payload back in a frame: the host sees whatever the line did.
        for (int i = 0; i < 2; ++i) {
            auto f = b.read_frame(milliseconds(1000));
            if (!f) return;
            b.send_bytes(BoardEnd::wire(static_cast<hil::MessageType>(0x25), static_cast<std::uint16_t>(i),
                                        Bytes(f->payload.begin(), f->payload.begin() + f->length)));
        }
        b.stay(milliseconds(1000));  // a PTY's hang-up would discard echoes not yet read
    });
    hil::BoardLink link(hil::open_transport(hil::parse_port_spec(pty.slave_path)));
    CHECK(link.port() == pty.slave_path);
    hil::Frame f;
    f.type = static_cast<hil::MessageType>(0x10);
    for (int round = 0; round < 2; ++round) {
        f.length = static_cast<std::uint16_t>(every_byte.size());
        std::copy(every_byte.begin(), every_byte.end(), f.payload.begin());
        link.send(f);
        auto back = link.receive(in_ms(1000));
        REQUIRE(back);
        CHECK(Bytes(back->payload.begin(), back->payload.begin() + back->length) == every_byte);
    }
    CHECK(link.damage().empty());
}

TEST_CASE("fd transport: a PTY master handed over by the harness carries the handshake and round trips", "[hil_host]") {
    Pty pty = open_pty(true);
    FakeBoard board(pty.slave, [](BoardEnd& b) { answer_hellos(b, milliseconds(1000)); });
    auto link = link_on(pty.master, "emulator (" + pty.slave_path + ")");
    Stopwatch clock;
    hil::handshake(*link);
    const hil::RoundTrips trips = hil::measure_round_trips(*link, 50, std::chrono::milliseconds(500));
    CHECK(trips.samples.size() == 50);
    CHECK(trips.median() > std::chrono::nanoseconds::zero());
    CHECK(trips.p99() >= trips.median());
    CHECK(trips.max() >= trips.p99());
    CHECK(trips.min() <= trips.median());
    CHECK(link->counters().board_restarts == 0);
    CHECK(clock.ms() < 2000);
}

TEST_CASE("fd transport: a pipe pair is one wire", "[hil_host]") {
    int to_board[2], to_host[2];
    REQUIRE(::pipe(to_board) == 0);
    REQUIRE(::pipe(to_host) == 0);
    // The fake board reads one pipe and writes the other: give it a socketpair-like fd by
    // running its script on the read end and answering through the write end.
    std::thread board([&] {
        BoardEnd in(to_board[0]);
        BoardEnd out(to_host[1]);
        if (in.wait_hello(milliseconds(1000))) out.send_hello_ack();
        ::close(to_board[0]);
        ::close(to_host[1]);
    });
    hil::BoardLink link(std::make_unique<hil::FdTransport>(to_host[0], to_board[1], "pipes"));
    const hil::BoardIdentity id = hil::handshake(link);
    CHECK(id.board_id == "fake-board-1");
    board.join();
}

TEST_CASE("fd transport: a board that stops reading makes send() time out, naming the port", "[hil_host]") {
    auto wire = socket_pair();
    hil::LinkOptions options;
    options.write_timeout = std::chrono::milliseconds(200);
    auto link = link_on(wire.host, "/dev/ttyACM0", options);
    hil::Frame f;
    f.type = static_cast<hil::MessageType>(0x12);
    f.length = hil::kMaxPayload;
    Stopwatch clock;
    try {
        for (int i = 0; i < 100000; ++i) link->send(f);  // the socket buffer fills; nobody reads
        FAIL("writes never blocked");
    } catch (const hil::LinkError& e) {
        CHECK(e.kind() == hil::LinkError::Kind::Timeout);
        CHECK_THAT(e.what(), Catch::StartsWith("the port /dev/ttyACM0 took only"));
    }
    CHECK(clock.ms() < 2000);
    ::close(wire.board);
}
