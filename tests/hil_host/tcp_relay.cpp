#include "tcp_relay.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

#include "hil/protocol/cobs.hpp"

namespace ringside::test {
namespace {

using Bytes = std::vector<std::uint8_t>;
using Clock = std::chrono::steady_clock;

constexpr int kPollMs = 20;  // how soon the thread sees a stop

// The frame inside a unit (its bytes without the delimiter); nothing when it is no COBS.
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
    out.resize(hil::cobs_encode(raw.data(), raw.size(), out.data(), out.size()));
    out.push_back(0);
    return out;
}

void set_option(int fd, int level, int name, int value) { ::setsockopt(fd, level, name, &value, sizeof value); }

// Quick delivery both ways, and no write that waits for a frozen peer longer than 2 s.
void tune(int fd) {
    set_option(fd, IPPROTO_TCP, TCP_NODELAY, 1);
    timeval two_seconds{2, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &two_seconds, sizeof two_seconds);
}

bool write_all(int fd, const Bytes& bytes) {
    for (std::size_t at = 0; at < bytes.size();) {  // ends: each write moves on or fails (2 s at most)
        const ssize_t n = ::send(fd, bytes.data() + at, bytes.size() - at, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        at += static_cast<std::size_t>(n);
    }
    return true;
}

} // namespace

struct TcpRelay::Direction {
    int from = -1, to = -1;
    bool faulty = false;          // the fault is for this direction and has not fired yet
    Bytes unit;                   // held bytes of the frame being looked at
    Bytes out;                    // what goes on to `to` from this chunk
    std::uint64_t* bytes = nullptr;
    std::uint64_t* frames = nullptr;
    std::uint64_t matches = 0;    // frames of the fault's type seen so far
};

TcpRelay::TcpRelay(std::uint16_t board_port, RelayFault fault, std::chrono::milliseconds accept_within)
    : board_port_(board_port), fault_(std::move(fault)), accept_within_(accept_within) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (listen_fd_ < 0 || ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&a), len) != 0 || ::listen(listen_fd_, 1) != 0 ||
        ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len) != 0 || ::pipe2(wake_, O_CLOEXEC) != 0) {
        if (listen_fd_ >= 0) ::close(listen_fd_);
        throw std::runtime_error("the relay cannot listen on 127.0.0.1");
    }
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { run(); });
}

TcpRelay::~TcpRelay() {
    const char stop = 1;
    (void)!::write(wake_[1], &stop, 1);
    thread_.join();
    ::close(listen_fd_);
    ::close(wake_[0]);
    ::close(wake_[1]);
}

RelayReport TcpRelay::report() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return report_;
}

void TcpRelay::run() {
    int host = -1, board = -1;
    const auto finish = [&] {
        if (host >= 0) ::close(host);
        if (board >= 0) ::close(board);
        running_ = false;
    };
    // The host, by the deadline (or a stop).
    const auto deadline = Clock::now() + accept_within_;
    while (host < 0 && Clock::now() < deadline) {  // ends: at the deadline
        pollfd p[2] = {{listen_fd_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
        if (::poll(p, 2, kPollMs) < 0 && errno != EINTR) break;
        if (p[1].revents) return finish();
        if (p[0].revents & POLLIN) host = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    }
    if (host < 0) return finish();
    // The board: a blocking connect on loopback is answered at once (or refused).
    board = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(board_port_);
    if (board < 0 || ::connect(board, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) return finish();
    tune(host);
    tune(board);
    Direction to_host, to_board;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        report_.connected = true;
        to_host = {board, host, fault_.kind != RelayFault::Kind::None && fault_.direction == RelayFault::Direction::ToHost,
                   {}, {}, &report_.bytes_to_host, &report_.frames_to_host, 0};
        to_board = {host, board, fault_.kind != RelayFault::Kind::None && fault_.direction == RelayFault::Direction::ToBoard,
                    {}, {}, &report_.bytes_to_board, &report_.frames_to_board, 0};
    }
    for (;;) {  // ends: when either side closes, a write fails, or the destructor wakes it
        pollfd p[3] = {{board, POLLIN, 0}, {host, POLLIN, 0}, {wake_[0], POLLIN, 0}};
        if (::poll(p, 3, kPollMs) < 0 && errno != EINTR) break;
        if (p[2].revents) break;
        bool ended = false;
        for (int i = 0; i < 2 && !ended; ++i) {
            if (!p[i].revents) continue;
            Direction& d = i == 0 ? to_host : to_board;
            std::uint8_t chunk[4096];
            const ssize_t n = ::read(d.from, chunk, sizeof chunk);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                ended = true;  // that side closed (or failed): the other sees it closed too
                break;
            }
            d.out.clear();
            pass(d, chunk, static_cast<std::size_t>(n));
            if (!d.out.empty() && !write_all(d.to, d.out)) ended = true;
        }
        if (ended) break;
    }
    finish();
}

void TcpRelay::pass(Direction& d, const std::uint8_t* bytes, std::size_t n) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint8_t byte = bytes[i];
        ++*d.bytes;
        if (!d.faulty) {
            d.out.push_back(byte);
        } else {
            // Held until the delimiter: whether this is the frame is known only then.
            d.unit.push_back(byte);
            if (byte == 0) {
                Bytes unit = std::move(d.unit);
                d.unit.clear();
                const auto raw = decode_unit(unit);
                const auto type = raw ? std::optional<hil::MessageType>(static_cast<hil::MessageType>((*raw)[1]))
                                      : std::nullopt;
                if ((!fault_.type || type == fault_.type) && ++d.matches == fault_.occurrence) {
                    d.faulty = false;
                    report_.fired = true;
                    report_.fired_on = type;
                    report_.fired_at_frame = *d.frames;
                    apply(d, std::move(unit), type);
                } else {
                    d.out.insert(d.out.end(), unit.begin(), unit.end());
                }
            } else if (d.unit.size() > hil::kMaxWireSize) {
                // No frame is this long: not a candidate; on it goes as it came.
                d.out.insert(d.out.end(), d.unit.begin(), d.unit.end());
                d.unit.clear();
            }
        }
        if (byte == 0) ++*d.frames;
    }
}

void TcpRelay::apply(Direction& d, Bytes unit, std::optional<hil::MessageType> type) {
    const std::size_t offset = std::min(fault_.offset, unit.size());
    switch (fault_.kind) {
        case RelayFault::Kind::Garbage: {
            Bytes insert = fault_.garbage;
            if (fault_.garbage_delimited) insert.push_back(0);
            unit.insert(unit.begin() + static_cast<std::ptrdiff_t>(offset), insert.begin(), insert.end());
            break;
        }
        case RelayFault::Kind::FlipBit: {
            auto raw = decode_unit(unit);
            if (!raw || !type) break;
            // A payload byte (the CRC's first byte when there is none): the version and length
            // stay right, so the receiver sees exactly a bad CRC.
            const std::size_t length = raw->size() - hil::kHeaderSize - hil::kCrcSize;
            (*raw)[hil::kHeaderSize + length / 2] ^= 0x10;
            unit = encode_unit(*raw);
            break;
        }
        case RelayFault::Kind::Drop: {
            const std::size_t count = std::min(fault_.drop, unit.size() - offset);
            unit.erase(unit.begin() + static_cast<std::ptrdiff_t>(offset),
                       unit.begin() + static_cast<std::ptrdiff_t>(offset + count));
            break;
        }
        case RelayFault::Kind::None: break;
    }
    d.out.insert(d.out.end(), unit.begin(), unit.end());
}

} // namespace ringside::test
