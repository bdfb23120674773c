#pragma once
// A scripted board for the link's robustness tests: a thread on the far end of a
// descriptor (a socketpair end, a PTY master or slave, an accepted TCP socket) that reads
// the host's frames and answers as the script says, including wrongly (garbage, cut
// frames, flipped bits, gaps, resets, silence, vanishing). It speaks through raw POSIX
// calls and the protocol's frame layer, not through the host library it tests.
// Every wait in it has a deadline, so a test that goes wrong still ends.
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "hil/protocol/frame.hpp"

namespace ringside::test {

using Bytes = std::vector<std::uint8_t>;
using std::chrono::milliseconds;

// The board's end of the wire, as scripts see it.
class BoardEnd {
public:
    explicit BoardEnd(int fd) : fd_(fd) {}

    // The next intact frame from the host within `within`; nullopt at the deadline or when
    // the host closed.
    std::optional<hil::Frame> read_frame(milliseconds within);
    // Waits (skipping other frames) for a Hello; true when one came within `within`.
    bool wait_hello(milliseconds within);
    // Reads and ignores everything for `span`, or until the host closes: a board that is
    // there but does not answer, or one that stays on the line after its script.
    void stay(milliseconds span);

    // Wire bytes of a frame (COBS + delimiter) with `sequence`.
    static Bytes wire(hil::MessageType type, std::uint16_t sequence, const Bytes& payload = {});
    static Bytes hello_ack_wire(std::uint16_t sequence, const std::string& board_id = "fake-board-1",
                                const std::string& firmware = "0.0.0-test", std::uint32_t capabilities = 0x5,
                                std::uint8_t protocol = hil::kProtocolVersion, const std::string& chip = "FAKE-MCU",
                                const std::string& build_id = "feedc0de");
    // A Fault as a halting board sends it: a delimiter first, numbered 0 (outside the count).
    static Bytes fault_wire(const std::string& what);
    // A frame's wire bytes with one bit of its payload flipped and the COBS redone: what a
    // noisy line delivers (the CRC no longer matches).
    static Bytes with_flipped_bit(hil::MessageType type, std::uint16_t sequence, const Bytes& payload);
    // Wire bytes whose version byte is `version` (a board speaking another protocol).
    static Bytes wire_with_version(std::uint8_t version, hil::MessageType type, std::uint16_t sequence,
                                   const Bytes& payload);

    void send_bytes(const Bytes& bytes);
    // HelloAck numbered 0 (a new count), then next_sequence() continues at 1.
    void send_hello_ack();
    // A board->host frame of no particular meaning to the link (type 0x25, Trace in both
    // protocol versions; the link reads no payloads), numbered next_sequence().
    void send_observation(const Bytes& payload = {1, 2, 3});
    std::uint16_t next_sequence() { return sequence_++; }
    void set_sequence(std::uint16_t next) { sequence_ = next; }

    void close();  // the board vanishes: its end of the wire closes now
    int fd() const { return fd_; }
    int hellos_seen() const { return hellos_; }

private:
    int fd_;
    std::uint16_t sequence_ = 0;
    int hellos_ = 0;
    bool heard_ = false;  // any byte from the host yet
    hil::FrameDecoder decoder_;
    std::deque<hil::Frame> pending_;  // decoded, not yet handed to the script
};

// A board that answers every Hello with a HelloAck until the host closes or `idle` passes
// without a frame.
void answer_hellos(BoardEnd& board, milliseconds idle = milliseconds(2000));

// Runs `script` on `fd` in a thread; owns `fd` (closes it after the script, unless the
// script closed it). The destructor waits for the script, which its own deadlines bound.
class FakeBoard {
public:
    using Script = std::function<void(BoardEnd&)>;
    FakeBoard(int fd, Script script);
    ~FakeBoard();
    FakeBoard(const FakeBoard&) = delete;
    FakeBoard& operator=(const FakeBoard&) = delete;

    void join();
    // What the script threw, if it did ("" otherwise); read after join().
    const std::string& failure() const { return failure_; }
    int hellos_seen() const { return board_.hellos_seen(); }

private:
    BoardEnd board_;
    std::string failure_;
    std::thread thread_;
};

} // namespace ringside::test
