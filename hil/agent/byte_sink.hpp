#pragma once
// Where the board agent's frames leave the board: the port's UART (or pty, or socket) driver.
// Who implements: the port. Who calls: the agent, from inside feed(), observe() or a
// firmware dispatch (the firmware's HTTP, Wi-Fi, setup, trace, speech and ring calls all
// end up here), so write() must never block and never call back into the agent.
#include <cstddef>
#include <cstdint>

namespace ringside::hil {

class ByteSink {
public:
    // One whole encoded frame with its 0x00 delimiter, at most kMaxWireSize (1040) bytes
    // (a Boot comes after one more 0x00, in the same call).
    // Returns true when all of it was taken (queued or sent), false when none of it was:
    // never write part of a frame, or the host's decoder loses the next frame too.
    virtual bool write(const std::uint8_t* bytes, std::size_t count) = 0;

protected:
    ~ByteSink() = default;
};

} // namespace ringside::hil
