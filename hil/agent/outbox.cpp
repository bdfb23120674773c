#include "hil/agent/outbox.hpp"

namespace ringside::hil {

bool Outbox::transmit(Notice notice, bool delimiter_first) {
    frame_.sequence = next_sequence_++;
    const std::size_t lead = delimiter_first ? 1 : 0;
    wire_[0] = 0;
    const std::size_t encoded = encode_frame(frame_, wire_.data() + lead, wire_.size() - lead);
    const std::size_t size = encoded == 0 ? 0 : lead + encoded;
    if (size == 0) {  // cannot happen for an encoded message (nor a Boot's extra byte); counted rather than trusted
        ++stats_.frames_unencodable;
        return false;
    }
    // Marked even when the sink drops the frame: the host then sees a gap and fails the
    // run, and stopping the grant keeps the board from running on past it meanwhile.
    if (notice == Notice::HostMustSee) stop_pending_ = true;
    if (!sink_.write(wire_.data(), size)) {
        ++stats_.frames_dropped;
        return false;
    }
    ++stats_.frames_sent;
    return true;
}

void Outbox::wipe() {
    volatile std::uint8_t* payload = frame_.payload.data();
    for (std::size_t i = 0; i < frame_.payload.size(); ++i) payload[i] = 0;
    volatile std::uint8_t* wire = wire_.data();
    for (std::size_t i = 0; i < wire_.size(); ++i) wire[i] = 0;
    frame_.length = 0;
}

} // namespace ringside::hil
