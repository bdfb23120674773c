#pragma once
// A TCP relay on loopback between the host and a board that listens (QEMU's serial port in
// server mode): the host connects to the relay's port, the relay dials the board, and one
// thread moves the bytes both ways with poll(). It can damage the wire once, in one
// direction, at a chosen frame: garbage before it (between two frames) or inside it, a bit of
// it flipped, some or all of its bytes dropped. Everything else passes unchanged, so with
// RelayFault::Kind::None it is a plain wire (the control).
//
// The point is "the n-th frame of `type` (of any type when unset) in that direction", counted
// by the frames' delimiters and types from the first byte; it is not a byte count, because
// the number of Hellos a handshake sends (and HelloAcks a board answers) before the board
// listens varies from run to run, and the frames after it are the same every run.
//
// Bounded: the relay accepts one host within `accept_within`, dials the board within 2 s,
// every write gives up after 2 s (a frozen peer), and the destructor stops and joins the
// thread within one poll interval. Who may call: tests, one relay per world.
#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "hil/protocol/frame.hpp"

namespace ringside::test {

struct RelayFault {
    enum class Direction { ToHost, ToBoard };
    enum class Kind {
        None,     // a plain wire
        Garbage,  // `garbage` inserted `offset` bytes into the frame (0: just before it), then a
                  // 0x00 when `garbage_delimited`: between frames that costs no frame
        FlipBit,  // one bit of the frame's payload (its CRC when it has none): a bad CRC
        Drop,     // `drop` bytes from `offset` never arrive (all of them: the frame is lost)
    };
    Kind kind = Kind::None;
    Direction direction = Direction::ToHost;
    std::optional<hil::MessageType> type;
    std::uint64_t occurrence = 1;  // 1: the first frame of `type`
    std::size_t offset = 0;
    std::vector<std::uint8_t> garbage;
    bool garbage_delimited = true;
    std::size_t drop = SIZE_MAX;  // SIZE_MAX: the rest of the frame, its delimiter too
};

struct RelayReport {
    std::uint64_t bytes_to_host = 0, bytes_to_board = 0;    // as the peers sent them
    std::uint64_t frames_to_host = 0, frames_to_board = 0;  // delimiters among them
    bool connected = false;  // the host came and the board answered the dial
    bool fired = false;
    std::optional<hil::MessageType> fired_on;
    std::uint64_t fired_at_frame = 0;  // frames before it in that direction
};

class TcpRelay {
public:
    // Listens on 127.0.0.1 (a port the kernel picks) and starts the thread, which waits for
    // the host, then dials 127.0.0.1:`board_port`. Throws std::runtime_error when it cannot
    // listen.
    TcpRelay(std::uint16_t board_port, RelayFault fault,
             std::chrono::milliseconds accept_within = std::chrono::seconds(10));
    ~TcpRelay();
    TcpRelay(const TcpRelay&) = delete;
    TcpRelay& operator=(const TcpRelay&) = delete;

    std::uint16_t port() const { return port_; }
    RelayReport report() const;
    // Whether the thread is still relaying (false once either side closed or it was stopped).
    bool running() const { return running_; }

private:
    struct Direction;
    void run();
    void pass(Direction& d, const std::uint8_t* bytes, std::size_t n);
    void apply(Direction& d, std::vector<std::uint8_t> unit, std::optional<hil::MessageType> type);

    std::uint16_t board_port_;
    RelayFault fault_;
    std::chrono::milliseconds accept_within_;
    int listen_fd_ = -1;
    int wake_[2] = {-1, -1};  // the destructor writes here to stop the thread
    std::uint16_t port_ = 0;
    mutable std::mutex mutex_;
    RelayReport report_;
    std::atomic<bool> running_{true};
    std::thread thread_;
};

} // namespace ringside::test
