#include "bench/hil_bench_support.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "hil/host/board_device.hpp"
#include "hil/host/board_starts.hpp"
#include "hil/host/link_error.hpp"

namespace ringside::bench {
namespace {

// The emulator answers in microseconds; a paced 1 KiB frame takes 90 ms. Generous, bounded.
constexpr std::chrono::seconds kAnswerWithin{10};

// A handshake over a paced line: Hello and HelloAck take a few ms each way.
hil::HandshakeOptions handshake_options() {
    hil::HandshakeOptions o;
    o.timeout = std::chrono::seconds(5);
    return o;
}

} // namespace

Nanos percentile(std::vector<Nanos> samples, double p) {
    if (samples.empty()) return Nanos::zero();
    std::sort(samples.begin(), samples.end());
    const double rank = std::ceil(p / 100.0 * static_cast<double>(samples.size()));
    const std::size_t index = rank < 1 ? 0 : std::min(samples.size(), static_cast<std::size_t>(rank)) - 1;
    return samples[index];
}

double to_ms(Nanos d) { return static_cast<double>(d.count()) / 1e6; }

DirectBoard::DirectBoard(std::shared_ptr<WireCounts> counts, int baud)
    : link_(std::make_unique<WireTap>(process_.take_transport(), std::move(counts), baud)) {
    hil::handshake(link_, handshake_options());
    // The emulator's defaults, spelled out: a board built for the in-process cloud.
    send(hil::BoardConfig{1, 0, "https://auth.ringside.test", "ringside-speaker", "speaker", "RS-ONE", "RS0000000001",
                          fw::AuthDialect::Rfc8628});
    await(hil::MessageType::Ack);
    send(hil::Power{hil::PowerAction::On});
    await(hil::MessageType::Ack);
    settle();
}

void DirectBoard::note(const hil::Frame& f) {
    if (f.type == hil::MessageType::Nack) throw std::runtime_error("the emulator refused a bench command");
    hil::Status s;
    if (f.type == hil::MessageType::Status && hil::decode(f, s)) ring_ = s.ring_pattern;
}

hil::Frame DirectBoard::await(hil::MessageType type) {
    const auto deadline = hil::LinkClock::now() + kAnswerWithin;
    for (;;) {
        std::optional<hil::Frame> f = link_.receive(deadline);
        if (!f) throw std::runtime_error("the emulator did not answer within 10 s");
        link_.throw_if_damaged();
        note(*f);
        if (f->type == type) return *f;
    }
}

hil::TimeDone DirectBoard::grant(std::uint64_t until_ms) {
    send(hil::TimeGrant{until_ms});
    const hil::Frame f = await(hil::MessageType::TimeDone);
    hil::TimeDone done;
    if (!hil::decode(f, done)) throw std::runtime_error("a TimeDone in another layout");
    now_ms_ = done.now_ms;
    return done;
}

void DirectBoard::settle() {
    // A lockstep host grants again at the same instant while the board stops there with news.
    for (int i = 0; i < 100; ++i)
        if (!grant(now_ms_).stopped) return;
    throw std::runtime_error("the emulator kept stopping at one instant (100 grants)");
}

sim::DeviceFactory tapped_board(const std::string& port, std::shared_ptr<WireCounts> counts, int baud, bool stream_ring) {
    const hil::BoardStarts::Start start_process = hil::BoardStarts::start_for(port);
    if (!start_process) throw std::invalid_argument("tapped_board: '" + port + "' is not a board the harness starts");
    return [start_process, counts, baud, stream_ring](const sim::DeviceContext& context) -> std::unique_ptr<sim::Device> {
        try {
            const auto start = hil::LinkClock::now();
            std::shared_ptr<hil::BoardProcess> started = start_process();
            // Timed as it is destroyed (after the link: the PTY or socket is closed by then),
            // so the bench sees what stopping a board process costs.
            std::shared_ptr<hil::BoardProcess> process(started.get(), [counts, started](hil::BoardProcess*) mutable {
                const auto start = hil::LinkClock::now();
                started.reset();
                counts->board_stop += hil::LinkClock::now() - start;
            });
            const auto spawned = hil::LinkClock::now();
            counts->board_start += spawned - start;
            auto link = std::make_unique<hil::BoardLink>(std::make_unique<WireTap>(process->take_transport(), counts, baud));
            hil::HandshakeOptions options = process->handshake_options();
            options.timeout = std::max(options.timeout, handshake_options().timeout);
            hil::BoardIdentity identity = hil::handshake(*link, options);
            if (stream_ring) {
                hil::Frame f;
                hil::encode(hil::StreamRing{true}, f);
                link->send(f);
            }
            auto device = std::make_unique<hil::BoardDevice>(context, std::move(link), std::move(identity), process);
            counts->board_open += hil::LinkClock::now() - spawned;
            return device;
        } catch (const hil::LinkError& e) {
            throw sim::DeviceLost(e.what());
        }
    };
}

} // namespace ringside::bench
