#include "fake_board.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

#include "firmware/core/crc32.hpp"
#include "hil/protocol/cobs.hpp"
#include "hil/protocol/messages.hpp"

namespace ringside::test {
namespace {

using Clock = std::chrono::steady_clock;

int ms_left(Clock::time_point deadline) {
    const auto left = std::chrono::ceil<milliseconds>(deadline - Clock::now()).count();
    return left < 0 ? 0 : static_cast<int>(left);
}

hil::Frame make(hil::MessageType type, std::uint16_t sequence, const Bytes& payload) {
    hil::Frame f;
    f.type = type;
    f.sequence = sequence;
    f.length = static_cast<std::uint16_t>(payload.size());
    std::copy(payload.begin(), payload.end(), f.payload.begin());
    return f;
}

// COBS-decodes a frame's wire bytes (without the delimiter) to the raw frame and back, with
// `change` applied to the raw bytes in between.
template <typename Change>
Bytes rewrite(const Bytes& wire, Change change) {
    Bytes raw(hil::kMaxFrameSize);
    raw.resize(hil::cobs_decode(wire.data(), wire.size() - 1, raw.data(), raw.size()));
    change(raw);
    Bytes out(hil::cobs_max_encoded(raw.size()) + 1);
    const std::size_t n = hil::cobs_encode(raw.data(), raw.size(), out.data(), out.size() - 1);
    out[n] = 0;
    out.resize(n + 1);
    return out;
}

} // namespace

Bytes BoardEnd::wire(hil::MessageType type, std::uint16_t sequence, const Bytes& payload) {
    Bytes out(hil::kMaxWireSize);
    out.resize(hil::encode_frame(make(type, sequence, payload), out.data(), out.size()));
    return out;
}

Bytes BoardEnd::hello_ack_wire(std::uint16_t sequence, const std::string& board_id, const std::string& firmware,
                               std::uint32_t capabilities, std::uint8_t protocol, const std::string& chip,
                               const std::string& build_id) {
    hil::Frame f;
    hil::HelloAck ack;
    ack.protocol = protocol;
    ack.board_id = board_id;
    ack.firmware_version = firmware;
    ack.capabilities = capabilities;
    ack.chip = chip;
    ack.build_id = build_id;
    hil::encode(ack, f);
    return wire(hil::MessageType::HelloAck, sequence, Bytes(f.payload.begin(), f.payload.begin() + f.length));
}

Bytes BoardEnd::fault_wire(const std::string& what) {
    hil::Frame f;
    hil::encode(hil::Fault{what}, f);
    Bytes out{0};
    const Bytes frame = wire(hil::MessageType::Fault, 0, Bytes(f.payload.begin(), f.payload.begin() + f.length));
    out.insert(out.end(), frame.begin(), frame.end());
    return out;
}

Bytes BoardEnd::with_flipped_bit(hil::MessageType type, std::uint16_t sequence, const Bytes& payload) {
    return rewrite(wire(type, sequence, payload), [](Bytes& raw) { raw[hil::kHeaderSize] ^= 0x10; });
}

Bytes BoardEnd::wire_with_version(std::uint8_t version, hil::MessageType type, std::uint16_t sequence,
                                  const Bytes& payload) {
    // The CRC covers the version byte, so it is recomputed as a board of that version would.
    return rewrite(wire(type, sequence, payload), [version](Bytes& raw) {
        raw[0] = version;
        const std::size_t body = raw.size() - hil::kCrcSize;
        const std::uint32_t crc = fw::crc32(raw.data(), body);
        for (std::size_t i = 0; i < hil::kCrcSize; ++i) raw[body + i] = static_cast<std::uint8_t>(crc >> (8 * i));
    });
}

std::optional<hil::Frame> BoardEnd::read_frame(milliseconds within) {
    const auto deadline = Clock::now() + within;
    for (;;) {  // ends: poll() waits no longer than the deadline
        if (!pending_.empty()) {
            hil::Frame f = pending_.front();
            pending_.pop_front();
            return f;
        }
        pollfd p{fd_, POLLIN, 0};
        const int ready = ::poll(&p, 1, ms_left(deadline));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) return std::nullopt;
        std::uint8_t buffer[512];
        const ssize_t n = ::read(fd_, buffer, sizeof buffer);
        if (n <= 0) {
            if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
            // A PTY master reads EIO until someone opens the slave: before the host has
            // said anything, that is a host still on its way, not one that left.
            if (!heard_ && n < 0 && errno == EIO && Clock::now() < deadline) {
                std::this_thread::sleep_for(milliseconds(5));
                continue;
            }
            return std::nullopt;  // the host closed
        }
        heard_ = true;
        for (ssize_t i = 0; i < n; ++i)
            if (decoder_.push(buffer[i]) == hil::FrameDecoder::Result::Frame) pending_.push_back(decoder_.frame());
    }
}

bool BoardEnd::wait_hello(milliseconds within) {
    const auto deadline = Clock::now() + within;
    while (Clock::now() < deadline) {
        auto frame = read_frame(std::chrono::duration_cast<milliseconds>(deadline - Clock::now()));
        if (!frame) return false;
        if (frame->type == hil::MessageType::Hello) {
            ++hellos_;
            return true;
        }
    }
    return false;
}

void BoardEnd::stay(milliseconds span) {
    const auto until = Clock::now() + span;
    while (Clock::now() < until) {
        if (!read_frame(std::chrono::duration_cast<milliseconds>(until - Clock::now())) && Clock::now() < until) return;
    }
}

void BoardEnd::send_bytes(const Bytes& bytes) {
    std::size_t done = 0;
    const auto deadline = Clock::now() + milliseconds(2000);
    while (done < bytes.size() && Clock::now() < deadline) {
        const ssize_t n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
        const ssize_t m = n < 0 && errno == ENOTSOCK ? ::write(fd_, bytes.data() + done, bytes.size() - done) : n;
        if (m > 0) {
            done += static_cast<std::size_t>(m);
            continue;
        }
        if (m < 0 && (errno == EAGAIN || errno == EINTR)) {
            pollfd p{fd_, POLLOUT, 0};
            ::poll(&p, 1, ms_left(deadline));
            continue;
        }
        return;  // the host is gone; the test notices on its side
    }
}

void BoardEnd::send_hello_ack() {
    send_bytes(hello_ack_wire(0));
    sequence_ = 1;
}

void BoardEnd::send_observation(const Bytes& payload) {
    send_bytes(wire(static_cast<hil::MessageType>(0x25), next_sequence(), payload));
}

void BoardEnd::close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

void answer_hellos(BoardEnd& board, milliseconds idle) {
    while (board.wait_hello(idle)) board.send_hello_ack();
}

FakeBoard::FakeBoard(int fd, Script script) : board_(fd) {
    thread_ = std::thread([this, script = std::move(script)] {
        try {
            script(board_);
        } catch (const std::exception& e) {
            failure_ = e.what();
        }
        board_.close();
    });
}

void FakeBoard::join() {
    if (thread_.joinable()) thread_.join();
}

FakeBoard::~FakeBoard() { join(); }

} // namespace ringside::test
