#pragma once
// What went wrong on the link, as the board agent counted it, for the port to report (a
// status LED, a debug console, its own trace). Counters only grow, saturating is not worth
// the code: at 1 kHz of errors a u32 lasts 49 days.
#include <cstdint>

namespace ringside::hil {

struct LinkStats {
    // Receiving, per delimiter (FrameDecoder's outcomes) and per sequence gap.
    std::uint32_t frames_received = 0;  // verified frames, whatever their payload
    std::uint32_t bad_crc = 0;          // a flipped bit
    std::uint32_t malformed = 0;        // not COBS, a length that disagrees: truncation, garbage
    std::uint32_t overflow = 0;         // too many bytes without a delimiter
    std::uint32_t bad_version = 0;      // a well-formed frame of another protocol version
    std::uint32_t lost_frames = 0;      // gaps in the host's sequence numbers
    // Verified frames the agent could not use (each also Nacked).
    std::uint32_t bad_payloads = 0;     // the payload is not its type's layout
    std::uint32_t unknown_types = 0;    // a type this protocol version does not have
    std::uint32_t wrong_direction = 0;  // a board->host type sent to the board
    // Sending.
    std::uint32_t frames_sent = 0;
    std::uint32_t frames_dropped = 0;     // the ByteSink refused them
    std::uint32_t frames_unencodable = 0; // a message too long for one frame (never sent)
    // The tunnels.
    std::uint32_t requests_refused = 0;   // send() answered false: head too long, table full, link refused
    std::uint32_t responses_refused = 0;  // bodies or content types too large for the buffers
    std::uint32_t responses_broken = 0;   // pieces out of order, past the end, or interleaved
    std::uint32_t stray_http = 0;         // heads or pieces for no outstanding request
    std::uint32_t stray_wifi_results = 0; // a WifiResult with no join pending
    // Port misuse: feed() called from inside feed() (e.g. from run_until or a dispatch).
    std::uint32_t reentrant_feeds = 0;

    // Everything that says the wire itself is bad (the host treats any as a broken link).
    std::uint32_t link_errors() const { return bad_crc + malformed + overflow + bad_version + lost_frames; }
};

} // namespace ringside::hil
