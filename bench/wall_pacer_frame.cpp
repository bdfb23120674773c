// What pacing the world costs a 60 fps main loop: WallPacer::advance() per frame, with the
// in-process cloud, from power-on through the home Wi-Fi hand-over, sign-in (approved as soon
// as the code shows) and then linked idle, at 1x, 10x and 100x. Wall instants are made up
// (one per 1/60 s), so the run takes only the time advance() itself takes; that time is
// measured on the real clock. Prints the median and p99 per frame and the p99 as a share of
// the 16.7 ms frame, and the slowest frame.
// usage: ringside_bench_wall_pacer_frame [SECONDS_OF_WALL_TIME (default 120)]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "sim/app/home_wifi.hpp"
#include "sim/pacing/wall_pacer.hpp"

using namespace ringside;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
    const int seconds = argc > 1 ? std::atoi(argv[1]) : 120;
    if (seconds <= 0) {
        std::fprintf(stderr, "usage: %s [SECONDS_OF_WALL_TIME > 0]\n", argv[0]);
        return 2;
    }
    const auto frame = std::chrono::microseconds(16'667);
    std::printf("wall pacer, per frame (%d s of wall time, %d frames at 60 fps)\n", seconds, seconds * 60);
    for (const double speed : {1.0, 10.0, 100.0}) {
        sim::VirtualSpeaker world(sim::signed_out_on_home_wifi("https://auth.ringside.test", 1'764'028'800, 3));
        world.power_on();
        const Clock::time_point t0{};
        sim::WallPacer pacer(world, t0, speed);
        sim::HomeWifiHandOver wifi;
        std::vector<double> us;
        us.reserve(static_cast<std::size_t>(seconds) * 60);
        bool approved = false;
        int behind = 0;
        for (int i = 1; i <= seconds * 60; ++i) {
            const auto started = Clock::now();
            if (!pacer.advance(t0 + i * frame)) ++behind;
            wifi.poll(world);
            if (!approved && !world.user_code().empty()) approved = world.approve_shown_code("demo") == cloud::ApprovalResult::Approved;
            us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - started).count());
        }
        std::sort(us.begin(), us.end());
        const double median = us[us.size() / 2], p99 = us[us.size() * 99 / 100], worst = us.back();
        std::printf("  %5.0fx  median %6.1f us  p99 %6.1f us (%.2f%% of a frame)  max %7.1f us  frames behind %d  linked %s  events %llu\n",
                    speed, median, p99, 100.0 * p99 / 16'667.0, worst, behind,
                    world.auth_state() == fw::AuthState::Linked ? "yes" : "no",
                    static_cast<unsigned long long>(world.events_processed()));
    }
    return 0;
}
