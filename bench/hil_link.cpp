// The HIL link against the real board emulator (a child process on a PTY, as `--port
// emulator` starts it): command round trips, and the load ring frames put on a 115200-baud
// line, counted from the frames the agent really sends.
// usage: ringside_bench_hil_link [EXCHANGES] [VIRTUAL_S] [REALTIME_S] [BAUD]
//   defaults: 300 exchanges per command, 10 s of virtual time per ring pattern, 5 s of real
//   time per pattern at 115200 baud 8N1
// Prints
//  1. round trips (median, p99; ms) of Hello -> HelloAck, ButtonEdge + TimeGrant(now) ->
//     TimeDone (what an input costs in lockstep) and TimeGrant(now + 33 ms) -> TimeDone (a
//     step of one ring frame), on a raw PTY and on a line paced at BAUD, side by side (the
//     two boards take turns, so the machine's noise hits both alike);
//  2. ring frames with StreamRing on, over VIRTUAL_S of virtual time in setup (orange
//     spinning) and in authorizing (orange breathing, a new frame every 33 ms tick): frames
//     per second, wire bytes per frame and per second, the share of BAUD 8N1 (BAUD/10 bytes
//     per second) and the most frames per second the line could carry;
//  3. the same two patterns in real time (the world granted in 33 ms slices on the wall
//     clock) through a line paced at BAUD both ways: frames per second received, each
//     frame's latency from board to host (median, p99, max; first and second half), the
//     largest backlog on the line, and whether the stream kept up.
// Exit 0 when every exchange was answered (the keep-up verdict is printed), 1 when the board
// failed, 2 on bad usage.
// The link's payloads are never printed (it carries tokens); only counts and times.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "bench/hil_bench_support.hpp"
#include "bench/load_or_exit.hpp"
#include "firmware/attention/render.hpp"
#include "hil/host/link_error.hpp"
#include "sim/virtual_speaker.hpp"

namespace {

using namespace ringside;
using bench::Nanos;
using bench::WireCounts;
using hil::LinkClock;
using hil::MessageType;
using sim::Millis;

// A world with a network, an account and the in-process cloud: the smoke scenario's.
constexpr const char* kWorldScenario = "scenarios/sign_in/first_time_setup_and_sign_in.yaml";

Nanos time_of(const std::function<void()>& exchange) {
    const auto start = LinkClock::now();
    exchange();
    return LinkClock::now() - start;
}

// What crossed the wire between two snapshots.
struct Delta {
    const WireCounts &before, &after;
    std::uint64_t frames(MessageType t) const { return after.to_host.of(t).frames - before.to_host.of(t).frames; }
    std::uint64_t bytes(MessageType t) const { return after.to_host.of(t).bytes - before.to_host.of(t).bytes; }
    std::uint64_t to_host() const { return after.to_host.bytes - before.to_host.bytes; }
    std::uint64_t to_board() const { return after.to_board.bytes - before.to_board.bytes; }
    // Lockstep's own traffic, which a free-running board does not have.
    std::uint64_t lockstep() const {
        return (after.to_board.of(MessageType::TimeGrant).bytes - before.to_board.of(MessageType::TimeGrant).bytes) +
               bytes(MessageType::TimeDone);
    }
};

// ---- 1. round trips ----------------------------------------------------------------------

struct Samples {
    std::vector<Nanos> raw, paced;
    std::uint64_t paced_bytes = 0;  // wire bytes of the paced exchanges, both directions
};

void print_round_trip(const char* name, const Samples& s, int count) {
    std::printf("  %-40s %8.3f %8.3f   %8.3f %8.3f   %6.1f\n", name, bench::to_ms(bench::percentile(s.raw, 50)),
                bench::to_ms(bench::percentile(s.raw, 99)), bench::to_ms(bench::percentile(s.paced, 50)),
                bench::to_ms(bench::percentile(s.paced, 99)), static_cast<double>(s.paced_bytes) / count);
}

void round_trips(int count, int baud) {
    auto raw_counts = std::make_shared<WireCounts>();
    auto paced_counts = std::make_shared<WireCounts>();
    bench::DirectBoard raw(raw_counts, 0);
    bench::DirectBoard paced(paced_counts, baud);
    const auto wire = [&] { return paced_counts->to_board.bytes + paced_counts->to_host.bytes; };

    // One exchange on each board per turn; what settles the board afterwards is not timed.
    const auto measure = [&](Samples& s, const std::function<void(bench::DirectBoard&)>& exchange) {
        for (int i = 0; i < count; ++i) {
            s.raw.push_back(time_of([&] { exchange(raw); }));
            raw.settle();
            const std::uint64_t before = wire();
            s.paced.push_back(time_of([&] { exchange(paced); }));
            s.paced_bytes += wire() - before;
            paced.settle();
        }
    };
    Samples hello, input, step;
    measure(hello, [](bench::DirectBoard& b) {
        if (!hil::exchange_hello(b.link(), LinkClock::now() + std::chrono::seconds(10)))
            throw std::runtime_error("the emulator did not answer Hello");
    });
    int presses = 0;
    measure(input, [&presses](bench::DirectBoard& b) {
        // Volume up, pressed then released: an input with an answer (the volume ring) and
        // no lasting effect on sign-in. The boards take turns, so each sees press, release.
        b.send(hil::ButtonEdge{hal::Button::VolumeUp, (presses++ / 2) % 2 == 0});
        b.grant(b.now_ms());
    });
    measure(step, [](bench::DirectBoard& b) { b.grant(b.now_ms() + fw::attention::kFramePeriod.count()); });

    std::printf("1. command round trips against the board emulator, %d exchanges each (ms)\n", count);
    std::printf("  %-40s %17s   %17s   %s\n", "", "PTY, unpaced", "paced at 8N1", "wire bytes");
    std::printf("  %-40s %8s %8s   %8s %8s   %s\n", "", "median", "p99", "median", "p99", "per exchange");
    print_round_trip("Hello -> HelloAck", hello, count);
    print_round_trip("ButtonEdge + TimeGrant(now) -> TimeDone", input, count);
    print_round_trip("TimeGrant(now + 33 ms) -> TimeDone", step, count);
    std::printf("  (paced line: %d baud 8N1, %.1f us per byte; the PTY itself ignores the baud rate)\n\n", baud,
                1e7 / baud);
}

// ---- 2 and 3: ring frames in a world ------------------------------------------------------

// A world whose speaker is the emulator behind a tap; brought to setup mode.
struct RingWorld {
    std::shared_ptr<WireCounts> counts = std::make_shared<WireCounts>();
    sim::VirtualSpeaker world;

    RingWorld(const runner::Scenario& scenario, int baud)
        : world(scenario.world, {}, bench::tapped_emulator(counts, baud, true)) {
        world.power_on();
        reach(fw::RingPattern::Setup, std::chrono::seconds(30));
    }
    void reach(fw::RingPattern pattern, Millis within) {
        if (!world.run_until(world.now() + within, [&] { return world.ring_pattern() == pattern; }))
            throw std::runtime_error("the speaker never showed " + std::string(fw::to_string(pattern)));
    }
    // Provisions the scenario's network and account; the speaker then shows its user code.
    void to_authorizing(const runner::Scenario& scenario) {
        world.provision(scenario.world.networks.at(0).ssid, scenario.world.networks.at(0).password,
                        scenario.world.cloud.accounts.at(0).id);
        reach(fw::RingPattern::Authorizing, std::chrono::seconds(60));
    }
};

constexpr double kFrameTickFps = 1000.0 / static_cast<double>(fw::attention::kFramePeriod.count());

void print_load_row(const char* pattern, const Delta& d, double seconds, double line_bytes_per_s) {
    const double frames = static_cast<double>(d.frames(MessageType::RingFrame));
    const double bytes = static_cast<double>(d.bytes(MessageType::RingFrame));
    const double per_frame = frames > 0 ? bytes / frames : 0;
    std::printf("  %-12s %6.0f s %7.0f %7.2f %10.1f %9.0f %8.2f %% %9.0f   %8.0f %8.0f %8.0f\n", pattern, seconds, frames,
                frames / seconds, per_frame, bytes / seconds, 100.0 * bytes / seconds / line_bytes_per_s,
                per_frame > 0 ? line_bytes_per_s / per_frame : 0, d.to_host() / seconds, d.to_board() / seconds,
                d.lockstep() / seconds);
}

void ring_load(const runner::Scenario& scenario, int virtual_s, int baud) {
    const double line = baud / 10.0;  // 8N1: 10 bits per byte
    RingWorld w(scenario, 0);
    const Millis window = std::chrono::seconds(virtual_s);
    const WireCounts setup_before = *w.counts;
    w.world.advance(window);
    const WireCounts setup_after = *w.counts;
    const bool setup_held = w.world.ring_pattern() == fw::RingPattern::Setup;
    w.to_authorizing(scenario);
    const WireCounts auth_before = *w.counts;
    w.world.advance(window);
    const WireCounts auth_after = *w.counts;
    const bool auth_held = w.world.ring_pattern() == fw::RingPattern::Authorizing;
    if (!setup_held || !auth_held) throw std::runtime_error("the ring left its pattern during the window");

    std::printf("2. ring frames on the link, StreamRing on, counted on the host (virtual time; line %d baud 8N1 = %.0f B/s)\n",
                baud, line);
    std::printf("  %-12s %8s %7s %7s %10s %9s %10s %9s   %8s %8s %8s\n", "pattern", "window", "frames", "fps",
                "B/frame", "ring B/s", "of line", "max fps", "all B/s", "to board", "lockstep");
    print_load_row("setup", Delta{setup_before, setup_after}, virtual_s, line);
    print_load_row("authorizing", Delta{auth_before, auth_after}, virtual_s, line);
    std::printf("  frame tick %lld ms = %.1f fps; the firmware latches a frame only when it differs: setup's comet moves\n"
                "  every 83 ms (12 of the %.1f ticks a second), authorizing's breathing changes on every tick.\n"
                "  all B/s: every board-to-host byte in the window (ring, Status, Trace, tunnelled HTTP, TimeDone);\n"
                "  lockstep: TimeGrant + TimeDone bytes, which a free-running board does not send.\n\n",
                static_cast<long long>(fw::attention::kFramePeriod.count()), kFrameTickFps, kFrameTickFps);
}

struct RealTimeWindow {
    double wall_s = 0;
    std::uint64_t frames = 0;
    std::vector<Nanos> latency;
    std::size_t max_backlog = 0;
    int late_slices = 0;  // slices whose world work ran past the next slice's start
};

RealTimeWindow real_time(RingWorld& w, int seconds) {
    const Millis slice = fw::attention::kFramePeriod;
    const int slices = static_cast<int>(std::chrono::seconds(seconds) / slice);
    w.counts->clear_latency();
    const std::uint64_t frames_before = w.counts->to_host.of(MessageType::RingFrame).frames;
    const Millis virtual_start = w.world.now();
    const auto wall_start = LinkClock::now();
    RealTimeWindow r;
    // Slice k of the board's time is due at wall_start + k slices: wait for it, then let the
    // world (and the board) run that far.
    for (int k = 1; k <= slices; ++k) {
        std::this_thread::sleep_until(wall_start + k * slice);
        w.world.run_until(virtual_start + k * slice, nullptr);
        if (LinkClock::now() > wall_start + (k + 1) * slice) ++r.late_slices;
    }
    r.wall_s = std::chrono::duration<double>(LinkClock::now() - wall_start).count();
    r.frames = w.counts->to_host.of(MessageType::RingFrame).frames - frames_before;
    r.latency = w.counts->ring_latency;
    r.max_backlog = w.counts->max_backlog_bytes;
    return r;
}

void print_real_time_row(const char* pattern, const RealTimeWindow& r, double expected_fps) {
    const std::size_t half = r.latency.size() / 2;
    const std::vector<Nanos> first(r.latency.begin(), r.latency.begin() + half);
    const std::vector<Nanos> second(r.latency.begin() + half, r.latency.end());
    const double fps = r.frames / r.wall_s;
    const double first_ms = bench::to_ms(bench::percentile(first, 50));
    const double second_ms = bench::to_ms(bench::percentile(second, 50));
    // Kept up: the frames came at the rate the pattern makes them, and the latency did not
    // grow from the first half to the second (a backlog grows without bound). A late slice
    // alone is not falling behind: a tunnelled request holds the line for its length (a
    // 400-byte poll is 35 ms at 115200), and the frames behind it wait, then catch up.
    const bool kept_up = fps >= 0.9 * expected_fps && second_ms <= first_ms + 1.0;
    std::printf("  %-12s %6.1f s %7llu %7.2f   %7.2f %7.2f %7.2f   %7.2f / %-7.2f %8zu %6d   %s\n", pattern, r.wall_s,
                static_cast<unsigned long long>(r.frames), fps, bench::to_ms(bench::percentile(r.latency, 50)),
                bench::to_ms(bench::percentile(r.latency, 99)), bench::to_ms(bench::percentile(r.latency, 100)),
                first_ms, second_ms, r.max_backlog, r.late_slices, kept_up ? "kept up" : "FELL BEHIND");
}

void ring_real_time(const runner::Scenario& scenario, int seconds, int baud) {
    RingWorld w(scenario, baud);
    const RealTimeWindow setup = real_time(w, seconds);
    w.to_authorizing(scenario);
    const RealTimeWindow authorizing = real_time(w, seconds);

    std::printf("3. ring frames in real time through a line paced at %d baud 8N1 both ways (33 ms slices of wall clock)\n",
                baud);
    std::printf("  %-12s %8s %7s %7s   %23s   %17s %8s %6s\n", "pattern", "wall", "frames", "fps",
                "latency ms: median p99 max", "1st / 2nd half", "backlog", "late");
    print_real_time_row("setup", setup, 1000.0 / 83);
    print_real_time_row("authorizing", authorizing, kFrameTickFps);
    std::printf("  latency: a RingFrame's first byte reaching the host's end of the PTY (the board handing it to its\n"
                "  UART) to its last byte off the modelled line; one frame alone takes its bytes x %.1f us.\n"
                "  backlog: most bytes ever waiting on the line; late: slices whose work overran the next slice.\n",
                1e7 / baud);
}

int positive_arg(int argc, char** argv, int i, int fallback) {
    if (argc <= i) return fallback;
    const int n = std::atoi(argv[i]);
    if (n < 1) {
        std::fprintf(stderr, "error: argument %d ('%s') must be a positive whole number\n", i, argv[i]);
        std::exit(2);
    }
    return n;
}

} // namespace

int main(int argc, char** argv) {
    const int exchanges = positive_arg(argc, argv, 1, 300);
    const int virtual_s = positive_arg(argc, argv, 2, 10);
    const int realtime_s = positive_arg(argc, argv, 3, 5);
    const int baud = positive_arg(argc, argv, 4, 115200);
    const runner::Scenario scenario = bench::load_or_exit(kWorldScenario);
    try {
        round_trips(exchanges, baud);
        ring_load(scenario, virtual_s, baud);
        // The verdict is printed, not returned: real time on a shared machine is noisy, and
        // the CTest run is there to keep the program working.
        ring_real_time(scenario, realtime_s, baud);
        return 0;
    } catch (const hil::LinkError& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
    } catch (const sim::DeviceLost& e) {
        std::fprintf(stderr, "error: lost the board: %s\n", e.what());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
    }
    return 1;
}
