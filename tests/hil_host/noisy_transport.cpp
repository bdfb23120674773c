#include "noisy_transport.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "firmware/core/crc32.hpp"
#include "hil/host/link_error.hpp"
#include "hil/protocol/messages.hpp"

namespace ringside::test {
namespace {

using Bytes = std::vector<std::uint8_t>;

// The frame inside one captured unit (its bytes without the delimiter), or nothing when the
// unit is no COBS at all.
std::optional<Bytes> decode_unit(const Bytes& unit) {
    if (unit.size() < 2) return std::nullopt;
    Bytes raw(hil::kMaxFrameSize);
    const std::size_t size = hil::cobs_decode(unit.data(), unit.size() - 1, raw.data(), raw.size());
    if (size < hil::kHeaderSize + hil::kCrcSize) return std::nullopt;
    raw.resize(size);
    return raw;
}

Bytes encode_unit(const Bytes& raw) {
    Bytes out(hil::cobs_max_encoded(raw.size()) + 1);
    const std::size_t size = hil::cobs_encode(raw.data(), raw.size(), out.data(), out.size());
    out.resize(size);
    out.push_back(0);
    return out;
}

void put_crc(Bytes& raw) {
    const std::uint32_t crc = fw::crc32(raw.data(), raw.size() - hil::kCrcSize);
    for (std::size_t i = 0; i < hil::kCrcSize; ++i)
        raw[raw.size() - hil::kCrcSize + i] = static_cast<std::uint8_t>(crc >> (8 * i));
}

} // namespace

Bytes wire_bytes(const hil::Frame& frame) {
    Bytes out(hil::kMaxWireSize);
    out.resize(hil::encode_frame(frame, out.data(), out.size()));
    return out;
}

NoisyTransport::NoisyTransport(std::unique_ptr<hil::ByteTransport> inner, Fault fault,
                               std::shared_ptr<NoisyReport> report)
    : inner_(std::move(inner)), fault_(std::move(fault)), report_(std::move(report)), name_(inner_->describe()) {}

void NoisyTransport::write(const std::uint8_t* data, std::size_t size, hil::Deadline deadline) {
    // A closed port refuses writes as FdTransport does when its peer is gone.
    if (state_ == State::Closed)
        throw hil::LinkError(hil::LinkError::Kind::Closed, name_, "the port " + name_ + " closed");
    inner_->write(data, size, deadline);
}

hil::ReadResult NoisyTransport::read(std::uint8_t* buffer, std::size_t max, hil::Deadline deadline) {
    // Each pass hands over what is ready, or reads the real port once. Bounded by the
    // deadline: the real read never waits past it, and a pass that only filled the capture
    // (a frame not yet complete) gives up once it has passed.
    for (;;) {
        if (ready_at_ < ready_.size()) {
            const std::size_t n = std::min(max, ready_.size() - ready_at_);
            std::memcpy(buffer, ready_.data() + ready_at_, n);
            ready_at_ += n;
            if (ready_at_ == ready_.size()) {
                ready_.clear();
                ready_at_ = 0;
            }
            return {hil::ReadResult::Status::Bytes, n};
        }
        if (state_ == State::Closed) return {hil::ReadResult::Status::Closed, 0};
        std::array<std::uint8_t, 4096> chunk{};
        const hil::ReadResult r = inner_->read(chunk.data(), chunk.size(), deadline);
        if (r.status != hil::ReadResult::Status::Bytes) return r;  // a timeout, or the real port closed
        for (std::size_t i = 0; i < r.count; ++i) take(chunk[i]);
        if (ready_.empty() && hil::LinkClock::now() >= deadline) return {hil::ReadResult::Status::Timeout, 0};
    }
}

bool NoisyTransport::at_point() const {
    if (fault_.after_bytes) return report_->bytes_from_board > *fault_.after_bytes;
    return report_->frames_from_board >= fault_.after_frames;
}

void NoisyTransport::take(std::uint8_t byte) {
    ++report_->bytes_from_board;
    switch (state_) {
    case State::Before:
        if (fault_.kind == Fault::Kind::None || !at_point()) {
            ready_.push_back(byte);
            break;
        }
        if (fault_.after_bytes) {
            // Wherever the stream is: between frames or inside one.
            report_->fired_at_frame = report_->frames_from_board;
            insert_before();
            if (state_ == State::After) ready_.push_back(byte);
            break;
        }
        // The first byte after the chosen delimiter starts the first candidate frame.
        state_ = State::Capturing;
        [[fallthrough]];
    case State::Capturing:
        capture_.push_back(byte);
        if (byte == 0) {
            Bytes unit = std::move(capture_);
            capture_.clear();
            const auto raw = decode_unit(unit);
            const auto type = raw ? std::optional<hil::MessageType>(static_cast<hil::MessageType>((*raw)[1])) : std::nullopt;
            if ((!fault_.type || type == fault_.type) && ++matches_ == fault_.occurrence) {
                report_->fired_at_frame = report_->frames_from_board;
                report_->fired_on = type;
                apply(std::move(unit));
            } else {
                ready_.insert(ready_.end(), unit.begin(), unit.end());
            }
        } else if (capture_.size() > hil::kMaxWireSize) {
            // No frame is this long: not a candidate, pass it on as the line delivered it.
            ready_.insert(ready_.end(), capture_.begin(), capture_.end());
            capture_.clear();
        }
        break;
    case State::After: ready_.push_back(byte); break;
    case State::Closed:
    case State::Dead: break;  // nothing arrives from a closed port or a dead board
    }
    if (byte == 0) ++report_->frames_from_board;
}

void NoisyTransport::insert_before() {
    state_ = State::After;
    if (fault_.kind == Fault::Kind::Garbage || fault_.kind == Fault::Kind::FakeHelloAck ||
        fault_.kind == Fault::Kind::Close || fault_.kind == Fault::Kind::Call || fault_.kind == Fault::Kind::Tap ||
        fault_.kind == Fault::Kind::BoardFault)
        report_->fired = true;  // the other kinds change a frame: not at a byte position
    switch (fault_.kind) {
    case Fault::Kind::Garbage:
        ready_.insert(ready_.end(), fault_.garbage.begin(), fault_.garbage.end());
        if (fault_.garbage_delimited) ready_.push_back(0);
        return;
    case Fault::Kind::FakeHelloAck: {
        hil::Frame f;
        hil::encode(hil::HelloAck{hil::kProtocolVersion, "EMU0000000001", "reset", 0x1F, {}, {}}, f);
        f.sequence = 0;  // a board that restarted numbers from 0 again
        const Bytes bytes = wire_bytes(f);
        ready_.insert(ready_.end(), bytes.begin(), bytes.end());
        return;
    }
    case Fault::Kind::Close:
        state_ = State::Closed;
        inner_.reset();  // the real port is released too, as when a USB adapter is pulled
        return;
    case Fault::Kind::Call:
        state_ = State::Dead;
        if (fault_.call) fault_.call();
        return;
    case Fault::Kind::Tap:
        if (fault_.call) fault_.call();
        return;
    case Fault::Kind::BoardFault: {
        // As the board's fault handler sends it: a delimiter first (ending any half frame),
        // numbered outside the agent's count; then the board is halted and says no more.
        hil::Frame f;
        hil::encode(hil::Fault{fault_.what}, f);
        f.sequence = 0;
        ready_.push_back(0);
        const Bytes bytes = wire_bytes(f);
        ready_.insert(ready_.end(), bytes.begin(), bytes.end());
        state_ = State::Dead;
        return;
    }
    default: return;
    }
}

void NoisyTransport::apply(Bytes unit) {
    switch (fault_.kind) {
    case Fault::Kind::Garbage:
    case Fault::Kind::FakeHelloAck:
    case Fault::Kind::Close:
    case Fault::Kind::Call:
    case Fault::Kind::Tap:
    case Fault::Kind::BoardFault:
        insert_before();
        if (state_ == State::After) ready_.insert(ready_.end(), unit.begin(), unit.end());
        return;
    default: break;
    }
    report_->fired = true;
    state_ = State::After;
    switch (fault_.kind) {
    case Fault::Kind::Truncate:
        // The first half survives; the line's next delimiter (here: its own) ends it.
        ready_.insert(ready_.end(), unit.begin(), unit.begin() + static_cast<std::ptrdiff_t>((unit.size() - 1) / 2));
        ready_.push_back(0);
        return;
    case Fault::Kind::Drop: return;
    case Fault::Kind::FlipBit: {
        auto raw = decode_unit(unit);
        if (!raw) break;
        // A payload byte (the CRC's first byte when there is no payload): the version and
        // length stay right, so the receiver sees exactly a bad CRC.
        const std::size_t length = raw->size() - hil::kHeaderSize - hil::kCrcSize;
        (*raw)[hil::kHeaderSize + length / 2] ^= 0x10;
        unit = encode_unit(*raw);
        break;
    }
    case Fault::Kind::ForeignVersion: {
        auto raw = decode_unit(unit);
        if (!raw) break;
        (*raw)[0] = 9;
        put_crc(*raw);
        unit = encode_unit(*raw);
        break;
    }
    default: break;
    }
    ready_.insert(ready_.end(), unit.begin(), unit.end());
}

} // namespace ringside::test
