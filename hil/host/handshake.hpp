#pragma once
// Opening the link (docs/hil_protocol.md): the host sends Hello, the board answers
// HelloAck with its identity. Garbage before the answer (a boot banner at another baud
// rate, half a frame) is skipped: the decoder resynchronises at the next 0x00. Who may
// call: whoever owns the BoardLink (the scenario driver, `ringside hil ping`, tests).
// Times are real time.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "hil/host/board_link.hpp"
#include "hil/protocol/frame.hpp"

namespace ringside::hil {

struct BoardIdentity {
    std::uint8_t protocol = 0;      // the version the board speaks (== kProtocolVersion after handshake())
    std::string board_id;           // e.g. its serial number
    std::string firmware_version;
    std::uint32_t capabilities = 0; // bit 0 lockstep, 1 audio, 2 HTTP tunnel, ... (docs/hil_protocol.md)
    std::string chip;               // e.g. "STM32F405" (empty from a board that does not say)
    std::string build_id;           // e.g. the image's GNU build-id in hex (empty likewise)
    std::chrono::milliseconds answer_within{0};  // what the board says it may take to answer (0: no claim)
};

struct HandshakeOptions {
    std::chrono::milliseconds timeout = std::chrono::seconds(2);  // for the whole handshake
    // Hello again at this interval while no answer came (a board that reset when the port
    // opened, as many USB-UART boards do on DTR, misses the first one). 0: one Hello only.
    std::chrono::milliseconds resend_every = std::chrono::milliseconds(500);
};

// Sends Hello and waits for the HelloAck; other frames before it are skipped. On success
// the link's damage baseline is set (noise before the answer is not damage). Throws
// LinkError: Timeout ("board on /dev/pts/3 sent no HelloAck within 2 s", with a hint: it
// sent nothing / only garbage / only other frames), WrongProtocol (the board frames or
// announces another version), Closed (the port vanished), BoardFault (the board sent a Fault:
// it halted, e.g. at boot), Io.
BoardIdentity handshake(BoardLink& link, const HandshakeOptions& options = {});

// The identity in a HelloAck frame (also an unsolicited one, after a board restart);
// nullopt when `frame` is no HelloAck or its payload is not that layout.
std::optional<BoardIdentity> read_hello_ack(const Frame& frame);

// Sends one Hello and returns the HelloAck's identity once it arrives before `deadline`,
// skipping other frames; nullopt at the deadline. The building block of handshake() and
// of round-trip measurement; throws like handshake() for WrongProtocol, Closed and BoardFault.
std::optional<BoardIdentity> exchange_hello(BoardLink& link, Deadline deadline);

} // namespace ringside::hil
