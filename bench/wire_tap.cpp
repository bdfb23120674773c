#include "bench/wire_tap.hpp"

#include <algorithm>
#include <thread>

#include "hil/protocol/messages.hpp"

namespace ringside::bench {

using hil::LinkClock;

std::uint64_t DirectionTally::frames() const {
    std::uint64_t n = 0;
    for (const TypeTally& t : by_type) n += t.frames;
    return n;
}

WireTap::WireTap(std::unique_ptr<hil::ByteTransport> inner, std::shared_ptr<WireCounts> counts, int baud)
    : inner_(std::move(inner)), counts_(std::move(counts)) {
    // 8N1: a start bit, 8 data bits, a stop bit.
    if (baud > 0) byte_time_ = std::chrono::nanoseconds(10'000'000'000LL / baud);
}

bool WireTap::Counter::push(std::uint8_t byte, LinkClock::time_point arrived, DirectionTally& tally,
                            hil::MessageType& type) {
    if (unit_bytes == 0) unit_arrived = arrived;
    ++unit_bytes;
    ++tally.bytes;
    const hil::FrameDecoder::Result r = decoder.push(byte);
    if (byte != 0) return false;
    const std::uint64_t size = unit_bytes;
    unit_bytes = 0;
    if (r != hil::FrameDecoder::Result::Frame) return false;  // a lone delimiter, or damage: total only
    type = decoder.frame().type;
    TypeTally& t = tally.by_type[static_cast<std::uint8_t>(type)];
    ++t.frames;
    t.bytes += size;
    return true;
}

void WireTap::write(const std::uint8_t* data, std::size_t size, hil::Deadline deadline) {
    if (byte_time_.count() > 0) {
        // The frame reaches the board when its last bit has crossed the line: a real UART
        // write (with tcdrain) holds the sender that long, and so does this.
        const auto now = LinkClock::now();
        tx_free_at_ = std::max(tx_free_at_, now) + byte_time_ * static_cast<long long>(size);
        std::this_thread::sleep_until(tx_free_at_);
    }
    inner_->write(data, size, deadline);
    hil::MessageType type;
    const auto now = LinkClock::now();
    for (std::size_t i = 0; i < size; ++i) {
        hil::TimeGrant grant;
        if (tx_.push(data[i], now, counts_->to_board, type) && type == hil::MessageType::TimeGrant &&
            hil::decode(tx_.decoder.frame(), grant)) {
            grant_sent_at_ = now;
            to_host_at_grant_ = counts_->to_host.bytes;
            if (grant.until_ms == board_at_ms_) ++counts_->grants_in_place;
        }
    }
}

void WireTap::enqueue(const std::uint8_t* bytes, std::size_t n, LinkClock::time_point arrived) {
    for (std::size_t i = 0; i < n; ++i) {
        rx_free_at_ = std::max(rx_free_at_, arrived) + byte_time_;
        pending_.push_back(Pending{bytes[i], arrived, rx_free_at_});
    }
    counts_->max_backlog_bytes = std::max(counts_->max_backlog_bytes, pending_.size());
}

void WireTap::deliver(std::uint8_t byte, LinkClock::time_point arrived, LinkClock::time_point now) {
    hil::MessageType type;
    // Count by when the unit's first byte reached the tap; latency runs to now, when the
    // host can have the frame (its delimiter is through the line).
    if (!rx_.push(byte, arrived, counts_->to_host, type)) return;
    if (type == hil::MessageType::RingFrame)
        counts_->ring_latency.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(now - rx_.unit_arrived));
    hil::TimeDone done;
    if (type == hil::MessageType::TimeDone && hil::decode(rx_.decoder.frame(), done)) {
        board_at_ms_ = done.now_ms;
        if (done.stopped) ++counts_->grants_stopped;
        counts_->grant_round_trips.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(now - grant_sent_at_));
        counts_->grant_bytes.push_back(
            {counts_->to_board.bytes - to_board_at_done_, counts_->to_host.bytes - to_host_at_grant_});
        to_board_at_done_ = counts_->to_board.bytes;
    }
}

hil::ReadResult WireTap::read(std::uint8_t* buffer, std::size_t max, hil::Deadline deadline) {
    using Status = hil::ReadResult::Status;
    if (byte_time_.count() == 0) {
        const hil::ReadResult r = inner_->read(buffer, max, deadline);
        const auto now = LinkClock::now();
        if (r.status == Status::Bytes)
            for (std::size_t i = 0; i < r.count; ++i) deliver(buffer[i], now, now);
        return r;
    }
    // Each pass hands over what has crossed the line, or waits (inner read or sleep) until
    // the next byte will have, or the deadline: bounded by the deadline.
    for (;;) {
        if (!inner_closed_) {
            // Take what the board has written so far without waiting, stamped as it comes.
            const hil::ReadResult r = inner_->read(scratch_.data(), scratch_.size(), LinkClock::now());
            if (r.status == Status::Bytes) enqueue(scratch_.data(), r.count, LinkClock::now());
            if (r.status == Status::Closed) inner_closed_ = true;
        }
        const auto now = LinkClock::now();
        std::size_t n = 0;
        while (n < max && !pending_.empty() && pending_.front().readable <= now) {
            buffer[n++] = pending_.front().byte;
            deliver(pending_.front().byte, pending_.front().arrived, now);
            pending_.pop_front();
        }
        if (n > 0) return {Status::Bytes, n};
        if (inner_closed_ && pending_.empty()) return {Status::Closed, 0};
        if (now >= deadline) return {Status::Timeout, 0};
        const auto wake = pending_.empty() ? deadline : std::min(deadline, pending_.front().readable);
        // poll() sleeps in whole milliseconds, a byte lasts 87 us at 115200: close to the
        // next byte, sleep precisely instead (the board only writes in answer to the host,
        // which is here, so nothing is stamped late by it).
        if (inner_closed_ || wake - now < std::chrono::milliseconds(2)) {
            std::this_thread::sleep_until(wake);
            continue;
        }
        const hil::ReadResult r = inner_->read(scratch_.data(), scratch_.size(), wake - std::chrono::milliseconds(1));
        if (r.status == Status::Bytes) enqueue(scratch_.data(), r.count, LinkClock::now());
        if (r.status == Status::Closed) inner_closed_ = true;
    }
}

} // namespace ringside::bench
