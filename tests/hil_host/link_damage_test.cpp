// What the wire can do to frames after the handshake, and what the link makes of it: a cut
// frame, a flipped bit, lost frames, an overlong run, a board that resets mid-session, a
// flood of garbage. Each is recovered (the next intact frame arrives) and counted, and
// throw_if_damaged() names the port and the damage; nothing waits past its deadline.
#include <catch2/catch.hpp>

#include "fake_board.hpp"
#include "hil/host/handshake.hpp"
#include "hil/host/link_error.hpp"
#include "link_test_support.hpp"

using namespace ringside;
using namespace ringside::test;

namespace {

// A link whose board answered the handshake and then runs `after` (the damage).
struct Session {
    SocketPair wire = socket_pair();
    std::unique_ptr<FakeBoard> board;
    std::unique_ptr<hil::BoardLink> link;

    explicit Session(std::function<void(BoardEnd&)> after) {
        board = std::make_unique<FakeBoard>(wire.board, [after](BoardEnd& b) {
            if (!b.wait_hello(milliseconds(1000))) return;
            b.send_hello_ack();
            after(b);
            b.stay(milliseconds(1500));  // on the line until the host is done
        });
        link = link_on(wire.host, "/dev/pts/7");
        hil::HandshakeOptions quick;
        quick.timeout = std::chrono::milliseconds(1000);
        hil::handshake(*link, quick);
    }
    // The sequence numbers of the next `n` frames, each within 1 s.
    std::vector<std::uint16_t> next(int n) {
        std::vector<std::uint16_t> sequences;
        for (int i = 0; i < n; ++i) {
            auto f = link->receive(in_ms(1000));
            if (!f) break;
            sequences.push_back(f->sequence);
        }
        return sequences;
    }
};

std::string damage_error(const hil::BoardLink& link) {
    try {
        link.throw_if_damaged();
    } catch (const hil::LinkError& e) {
        CHECK(e.kind() == hil::LinkError::Kind::Damaged);
        CHECK(e.port() == "/dev/pts/7");
        return e.what();
    }
    return "";
}

} // namespace

TEST_CASE("link: a truncated frame is counted as malformed and the next frame arrives", "[hil_host]") {
    Stopwatch clock;
    Session s([](BoardEnd& b) {
        Bytes cut = BoardEnd::wire(static_cast<hil::MessageType>(0x25), b.next_sequence(), Bytes(40, 7));
        cut.resize(cut.size() - 12);  // its tail (and delimiter) lost on the line ...
        b.send_bytes(cut);
        b.send_bytes(Bytes{0});        // ... the line's next delimiter ends it
        b.send_observation();
    });
    CHECK(s.next(1) == std::vector<std::uint16_t>{2});
    CHECK(s.link->counters().malformed == 1);
    CHECK(s.link->counters().frames_lost == 1);  // the cut frame was number 1
    CHECK(damage_error(*s.link) == "the link on /dev/pts/7 is damaged: 1 malformed frame, 1 frame lost");
    CHECK(clock.ms() < 1500);
}

TEST_CASE("link: a flipped bit fails the CRC, the frame is dropped, counted, and the link goes on", "[hil_host]") {
    Stopwatch clock;
    Session s([](BoardEnd& b) {
        b.send_observation();  // 1
        b.send_bytes(BoardEnd::with_flipped_bit(static_cast<hil::MessageType>(0x25), b.next_sequence(), {1, 2, 3, 4}));
        b.send_bytes(BoardEnd::with_flipped_bit(static_cast<hil::MessageType>(0x25), b.next_sequence(), {5, 6, 7, 8}));
        b.send_bytes(BoardEnd::with_flipped_bit(static_cast<hil::MessageType>(0x25), b.next_sequence(), {9, 9, 9, 9}));
        b.send_observation();  // 5
    });
    CHECK(s.next(2) == std::vector<std::uint16_t>{1, 5});
    CHECK(s.link->counters().bad_crc == 3);
    CHECK(s.link->counters().frames_lost == 3);
    CHECK(damage_error(*s.link) == "the link on /dev/pts/7 is damaged: 3 frames with bad CRC, 3 frames lost");
    CHECK(clock.ms() < 1500);
}

TEST_CASE("link: lost frames show as a sequence gap", "[hil_host]") {
    Stopwatch clock;
    Session s([](BoardEnd& b) {
        b.send_observation();  // 1
        b.send_observation();  // 2
        b.set_sequence(5);     // 3 and 4 never reach the wire
        b.send_observation();  // 5
        b.send_observation();  // 6
    });
    CHECK(s.next(4) == std::vector<std::uint16_t>{1, 2, 5, 6});
    CHECK(s.link->counters().frames_lost == 2);
    CHECK(s.link->counters().bad_crc == 0);
    CHECK(damage_error(*s.link) == "the link on /dev/pts/7 is damaged: 2 frames lost");
    CHECK(clock.ms() < 1500);
}

TEST_CASE("link: sequence numbers wrap at 65536 without counting a loss", "[hil_host]") {
    Session s([](BoardEnd& b) {
        b.set_sequence(65534);
        for (int i = 0; i < 4; ++i) b.send_observation();  // 65534, 65535, 0, 1
    });
    // The HelloAck was 0; jumping to 65534 is a gap of 65533, then the wrap is clean.
    CHECK(s.next(4) == std::vector<std::uint16_t>{65534, 65535, 0, 1});
    CHECK(s.link->counters().frames_lost == 65533);
    CHECK(s.link->counters().board_restarts == 0);
}

TEST_CASE("link: more bytes than any frame before a delimiter count as an overflow, then frames flow again", "[hil_host]") {
    Stopwatch clock;
    Session s([](BoardEnd& b) {
        b.send_bytes(Bytes(3000, 0x55));
        b.send_bytes(Bytes{0});
        b.send_observation();  // 1
    });
    CHECK(s.next(1) == std::vector<std::uint16_t>{1});
    CHECK(s.link->counters().overflow == 1);
    CHECK(damage_error(*s.link) == "the link on /dev/pts/7 is damaged: 1 overlong frame");
    CHECK(clock.ms() < 1500);
}

TEST_CASE("link: a board reset mid-session is recognised by its new HelloAck, not counted as loss", "[hil_host]") {
    Stopwatch clock;
    Session s([](BoardEnd& b) {
        b.send_observation();  // 1
        b.send_observation();  // 2
        b.send_hello_ack();    // 0: the board rebooted and announces itself
        b.send_observation();  // 1
        b.set_sequence(0);     // and again, this time without an announcement
        b.send_observation();  // 0
        b.send_observation();  // 1
    });
    std::vector<hil::MessageType> types;
    std::vector<std::uint16_t> sequences;
    for (int i = 0; i < 6; ++i) {
        auto f = s.link->receive(in_ms(1000));
        REQUIRE(f);
        types.push_back(f->type);
        sequences.push_back(f->sequence);
    }
    CHECK(sequences == std::vector<std::uint16_t>{1, 2, 0, 1, 0, 1});
    CHECK(types[2] == hil::MessageType::HelloAck);
    CHECK_FALSE(s.link->receive(in_ms(0)));  // nothing more is waiting
    CHECK(s.link->counters().board_restarts == 2);
    CHECK(s.link->counters().frames_lost == 0);
    CHECK(s.link->damage().empty());
    CHECK(clock.ms() < 1500);
}

TEST_CASE("link: a Boot after the handshake is a board that restarted", "[hil_host]") {
    Session s([](BoardEnd& b) {
        b.send_observation();  // 1
        b.send_bytes(BoardEnd::wire(hil::MessageType::Boot, 0));
        b.set_sequence(1);
        b.send_observation();  // 1
    });
    CHECK(s.next(3) == std::vector<std::uint16_t>{1, 0, 1});
    CHECK(s.link->counters().board_restarts == 1);
    CHECK(s.link->counters().frames_lost == 0);
}

TEST_CASE("link: receive() returns at its deadline even while garbage keeps arriving", "[hil_host]") {
    Session s([](BoardEnd& b) {
        const auto until = std::chrono::steady_clock::now() + milliseconds(500);
        while (std::chrono::steady_clock::now() < until) b.send_bytes(Bytes(512, 0x42));  // never a delimiter
    });
    Stopwatch clock;
    CHECK_FALSE(s.link->receive(in_ms(250)));
    CHECK(clock.ms() >= 240);
    CHECK(clock.ms() < 600);
    CHECK(s.link->counters().bytes_received > 512);
}

TEST_CASE("link: receive() on a quiet board returns nullopt at the deadline", "[hil_host]") {
    Session s([](BoardEnd&) {});
    Stopwatch clock;
    CHECK_FALSE(s.link->receive(in_ms(200)));
    CHECK(clock.ms() >= 190);
    CHECK(clock.ms() < 500);
    Stopwatch past;
    CHECK_FALSE(s.link->receive(in_ms(-10)));  // a deadline already gone: a look, no wait
    CHECK(past.ms() < 50);
}

TEST_CASE("link: the host numbers its frames, and a Hello starts the count again at 0", "[hil_host]") {
    auto wire = socket_pair();
    std::vector<std::uint16_t> seen;
    std::vector<hil::MessageType> types;
    {
        FakeBoard board(wire.board, [&](BoardEnd& b) {
            for (int i = 0; i < 5; ++i) {
                auto f = b.read_frame(milliseconds(1000));
                if (!f) return;
                seen.push_back(f->sequence);
                types.push_back(f->type);
            }
        });
        auto link = link_on(wire.host, "socketpair");
        hil::Frame f;
        f.type = static_cast<hil::MessageType>(0x10);
        f.sequence = 999;  // ignored: the link numbers
        CHECK(link->send(f) == 0);
        CHECK(link->send(f) == 1);
        hil::Frame hello;
        hello.type = hil::MessageType::Hello;
        hello.length = 1;
        hello.payload[0] = hil::kProtocolVersion;
        CHECK(link->send(hello) == 0);
        CHECK(link->send(f) == 1);
        CHECK(link->send(f) == 2);
        board.join();
        CHECK(link->counters().frames_sent == 5);
    }
    CHECK(seen == std::vector<std::uint16_t>{0, 1, 0, 1, 2});
    CHECK(types[2] == hil::MessageType::Hello);
}
