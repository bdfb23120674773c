#pragma once
// A byte stream to a board: a UART, a TCP serial server, a pseudo-terminal, a socket or a
// pipe pair. The framed link (board_link.hpp) runs over any of them, so the scenario
// driver never knows which wire it has. Who may call: BoardLink and tests, one thread at a
// time per transport. Every call takes a real-time deadline (steady clock) and never
// blocks past it; nothing here retries on its own.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace ringside::hil {

using LinkClock = std::chrono::steady_clock;
using Deadline = LinkClock::time_point;

struct ReadResult {
    enum class Status : std::uint8_t {
        Bytes,    // `count` (>= 1) bytes were stored
        Timeout,  // the deadline passed with nothing to read
        Closed,   // the other end went away (EOF, hang-up, a vanished USB device)
    };
    Status status = Status::Timeout;
    std::size_t count = 0;
};

class ByteTransport {
public:
    virtual ~ByteTransport() = default;

    // Writes all `size` bytes, waiting for room until `deadline`. Throws LinkError: Closed
    // when the other end is gone, Timeout when the bytes could not all leave in time
    // (a board that stopped reading), Io for anything else the OS reports.
    virtual void write(const std::uint8_t* data, std::size_t size, Deadline deadline) = 0;

    // Reads what is there, at most `max` bytes: returns as soon as at least one byte
    // arrived, or at `deadline` (Timeout), or when the other end closed. A deadline in the
    // past still returns bytes already waiting. Throws LinkError (Io) only for OS errors
    // that are neither data nor a hang-up.
    virtual ReadResult read(std::uint8_t* buffer, std::size_t max, Deadline deadline) = 0;

    // The port as the user named it ("/dev/pts/3", "tcp:127.0.0.1:4001", "/dev/ttyUSB0
    // (USB serial A1B2)"): every LinkError about this transport names it.
    virtual const std::string& describe() const = 0;
};

} // namespace ringside::hil
