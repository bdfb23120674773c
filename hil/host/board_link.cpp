#include "hil/host/board_link.hpp"

#include <vector>

#include "hil/host/link_error.hpp"
#include "hil/protocol/messages.hpp"

namespace ringside::hil {
namespace {

void add(std::vector<std::string>& parts, std::uint64_t n, const char* one, const char* many) {
    if (n == 0) return;
    parts.push_back(std::to_string(n) + " " + (n == 1 ? one : many));
}

} // namespace

std::string LinkCounters::damage_since(const LinkCounters& earlier) const {
    std::vector<std::string> parts;
    add(parts, bad_crc - earlier.bad_crc, "frame with bad CRC", "frames with bad CRC");
    add(parts, malformed - earlier.malformed, "malformed frame", "malformed frames");
    add(parts, overflow - earlier.overflow, "overlong frame", "overlong frames");
    const std::uint64_t foreign = bad_version - earlier.bad_version;
    if (foreign)
        parts.push_back(std::to_string(foreign) + (foreign == 1 ? " frame" : " frames") + " of protocol version " +
                        std::to_string(last_bad_version));
    add(parts, frames_lost - earlier.frames_lost, "frame lost", "frames lost");
    std::string text;
    for (const std::string& part : parts) text += (text.empty() ? "" : ", ") + part;
    return text;
}

BoardLink::BoardLink(std::unique_ptr<ByteTransport> transport, LinkOptions options)
    : transport_(std::move(transport)), options_(options) {}

void BoardLink::throw_closed() {
    closed_ = true;
    throw LinkError(LinkError::Kind::Closed, port(), "the port " + port() + " closed");
}

void BoardLink::throw_fault(const Frame& fault) {
    Fault m;
    fault_ = decode(fault, m) ? "the board on " + port() + " stopped: " + std::string(m.what)
                              : "the board on " + port() + " stopped with a Fault this host cannot read (" +
                                    std::to_string(fault.length) + "-byte payload)";
    throw LinkError(LinkError::Kind::BoardFault, port(), fault_);
}

void BoardLink::throw_if_damaged() const {
    const std::string what = damage();
    if (!what.empty())
        throw LinkError(LinkError::Kind::Damaged, port(), "the link on " + port() + " is damaged: " + what);
}

std::uint16_t BoardLink::send(const Frame& frame) {
    if (closed_) throw_closed();
    const bool hello = frame.type == MessageType::Hello;
    if (hello) tx_sequence_ = 0;
    Frame numbered = frame;
    numbered.sequence = tx_sequence_;
    std::size_t at = 0;
    if (hello) tx_buffer_[at++] = 0;
    const std::size_t size = encode_frame(numbered, tx_buffer_.data() + at, tx_buffer_.size() - at);
    if (size == 0)
        throw LinkError(LinkError::Kind::Io, port(),
                        "a frame of " + std::to_string(frame.length) + " payload bytes does not fit the link to " + port());
    try {
        transport_->write(tx_buffer_.data(), at + size, LinkClock::now() + options_.write_timeout);
    } catch (const LinkError& e) {
        if (e.kind() == LinkError::Kind::Closed) closed_ = true;
        throw;
    }
    ++counters_.frames_sent;
    ++tx_sequence_;  // wraps at 65536, as the protocol says
    if (hello) {
        ++hellos_unanswered_;
        last_hello_at_ = LinkClock::now();
    }
    return numbered.sequence;
}

void BoardLink::note_byte(std::uint8_t byte) {
    if (byte == 0) return;  // the caller resets the unit after the decoder has seen it
    if (unit_size_ < 2) unit_head_[unit_size_] = byte;
    ++unit_size_;
}

void BoardLink::account(FrameDecoder::Result result) {
    using R = FrameDecoder::Result;
    switch (result) {
    case R::BadCrc: ++counters_.bad_crc; break;
    case R::Malformed: ++counters_.malformed; break;
    case R::Overflow: ++counters_.overflow; break;
    case R::BadVersion:
        ++counters_.bad_version;
        // COBS: the first byte is a code; a code of 1 stands for a 0x00 data byte, any
        // other code is followed by data bytes, the first of them the frame's version.
        counters_.last_bad_version = unit_head_[0] == 1 ? 0 : unit_head_[1];
        break;
    case R::None:
    case R::Frame: return;
    }
    counters_.bytes_discarded += unit_size_ + 1;  // with its delimiter
}

void BoardLink::accept_frame(const Frame& frame) {
    ++counters_.frames_received;
    if (frame.type == MessageType::Boot) {
        rx_sequence_.reset();  // a started board numbers from 0
        rx_sequence_.accept(frame.sequence);
        // Before the first HelloAck it is the board coming up; after it, a board that restarted.
        if (shaken_hands_) ++counters_.board_restarts;
        return;
    }
    if (frame.type == MessageType::HelloAck) {
        shaken_hands_ = true;
        rx_sequence_.reset();  // a HelloAck starts the board's numbering anew
        rx_sequence_.accept(frame.sequence);
        const bool asked = hellos_unanswered_ > 0 && LinkClock::now() - last_hello_at_ <= options_.hello_answer_window;
        if (asked)
            --hellos_unanswered_;
        else
            ++counters_.board_restarts;
        return;
    }
    const std::uint16_t lost = rx_sequence_.accept(frame.sequence);
    // Numbering back at 0 out of turn is a board that restarted without announcing itself,
    // not 65536 - n lost frames.
    if (lost != 0 && frame.sequence == 0)
        ++counters_.board_restarts;
    else
        counters_.frames_lost += lost;
}

std::optional<Frame> BoardLink::receive(Deadline deadline) {
    if (!fault_.empty()) throw LinkError(LinkError::Kind::BoardFault, port(), fault_);
    if (closed_) throw_closed();
    // Each pass decodes what is buffered, then reads once; the deadline is checked between
    // reads (not only when a read times out), so a board flooding garbage cannot hold us.
    for (bool first = true;; first = false) {
        while (rx_at_ < rx_end_) {
            const std::uint8_t byte = rx_buffer_[rx_at_++];
            note_byte(byte);
            const FrameDecoder::Result result = decoder_.push(byte);
            if (byte == 0) {
                account(result);
                unit_size_ = 0;
            }
            if (result == FrameDecoder::Result::Frame) {
                // The board halts after a Fault: nothing it says later can be believed, and
                // whoever reads (handshake, a scenario, ping) must hear why it stopped.
                if (decoder_.frame().type == MessageType::Fault) {
                    ++counters_.frames_received;
                    throw_fault(decoder_.frame());
                }
                accept_frame(decoder_.frame());
                return decoder_.frame();
            }
        }
        if (!first && LinkClock::now() >= deadline) return std::nullopt;
        const ReadResult read = transport_->read(rx_buffer_.data(), rx_buffer_.size(), deadline);
        switch (read.status) {
        case ReadResult::Status::Bytes:
            rx_at_ = 0;
            rx_end_ = read.count;
            counters_.bytes_received += read.count;
            break;
        case ReadResult::Status::Timeout: return std::nullopt;
        case ReadResult::Status::Closed: throw_closed();
        }
    }
}

} // namespace ringside::hil
