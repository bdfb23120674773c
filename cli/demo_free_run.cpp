#include <chrono>

#include "cli/demo_modes.hpp"
#include "cli/issuer_exchanges.hpp"
#include "sim/app/home_wifi.hpp"
#include "sim/issuer/issuer_session.hpp"
#include "sim/text/timestamp.hpp"

namespace ringside::cli {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;

// The home network the companion app hands over. Not a secret worth hiding: the demo's own.
constexpr const char* kHomeSsid = "Home";
constexpr const char* kHomePassword = "demo-wifi";
// Long enough to watch the orange setup spin before the app steps in.
constexpr milliseconds kProvisionAt{3000};

sim::WorldConfig fresh_speaker(const DemoOptions& options, const DemoCloud& cloud) {
    if (!cloud.external_issuer().empty()) return sim::issuer_world(sim::session_options(options.issuer, options.seed.value_or(1)));
    sim::WorldConfig c;
    c.seed = options.seed.value_or(1);
    c.cloud.seed = c.seed;
    c.networks = {{kHomeSsid, kHomePassword, sim::WifiBand::GHz5}};
    c.device_rtc_unix = c.world_start_unix;  // a speaker whose clock kept time
    return c;
}

} // namespace

int free_run(const DemoOptions& options, DemoCloud& cloud, DemoFrames& frames, std::ostream& out) {
    sim::VirtualSpeaker world(fresh_speaker(options, cloud), cloud.factory());
    frames.watch(world);
    world.power_on();
    const bool real_time = !cloud.external_issuer().empty();
    bool provisioned = false;
    sim::HomeWifiHandOver home_wifi;  // against a real issuer: no orange show, the app steps in at once
    ExchangeLines exchanges;          // against a real issuer: what went over the wire, refreshes too
    // Brings the world to where the pace says virtual time stands now.
    const auto catch_up = [&] {
        const milliseconds target = std::chrono::duration_cast<milliseconds>(frames.pace().virtual_at(frames.wall()));
        if (real_time) {
            if (target > world.now()) world.run_until(target, [] { return false; });
            if (home_wifi.poll(world)) out << "app: handed the speaker Wi-Fi " << sim::kHomeSsid << std::endl;
            if (const auto* journal = cloud.exchanges()) {
                exchanges.print_new(*journal, "at " + text::format_timestamp(world.now()) + ": ", out);
                out << std::flush;
            }
            return;
        }
        if (!provisioned && target >= kProvisionAt) {
            world.run_until(kProvisionAt, [] { return false; });
            world.provision(kHomeSsid, kHomePassword, "demo");
            out << "app: handed the speaker Wi-Fi " << kHomeSsid << std::endl;
            provisioned = true;
        }
        if (target > world.now()) world.run_until(target, [] { return false; });
    };
    while (!frames.out_of_time()) {
        for (const demo::DemoInput& in : frames.window().wait(frames.next_frame())) {
            catch_up();  // an input acts at the instant it arrived, at any speed
            const microseconds now(world.now());
            switch (in.kind) {
            case demo::DemoInput::Kind::Quit: return 0;
            case demo::DemoInput::Kind::ButtonDown: world.press(in.button); break;
            case demo::DemoInput::Kind::ButtonUp: world.release(in.button); break;
            case demo::DemoInput::Kind::Say:
                if (world.say(in.text, 0).count() > 0) out << "you said: " << in.text << std::endl;
                break;
            case demo::DemoInput::Kind::Speed:
                if (real_time) {  // the server's clock is the wall's: faster would only break the grant
                    out << "speed: stays 1x against " << cloud.external_issuer() << std::endl;
                    break;
                }
                frames.time_control(in, now);
                break;
            case demo::DemoInput::Kind::TogglePause: frames.time_control(in, now); break;
            case demo::DemoInput::Kind::Redraw: break;
            }
        }
        if (!frames.frame_due()) continue;
        catch_up();
        frames.frame(world, microseconds(world.now()));
    }
    return 0;
}

} // namespace ringside::cli
