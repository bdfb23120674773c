#include "sim/issuer/issuer_session.hpp"

#include <stdexcept>

#include "sim/board/url.hpp"

namespace ringside::sim {
namespace {

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

} // namespace

IssuerSessionOptions session_options(const IssuerFlags& flags, std::uint64_t seed) {
    IssuerSessionOptions o;
    o.issuer = flags.issuer;
    o.ca_file = flags.ca_file;
    o.client_id = flags.client_id;
    o.scope = flags.scope;
    o.seed = seed;
    return o;
}

WorldConfig issuer_world(const IssuerSessionOptions& o) {
    if (!parse_url(o.issuer)) throw std::invalid_argument("--issuer " + o.issuer + ": expected an absolute http:// or https:// URL");
    WorldConfig config = signed_out_on_home_wifi(o.issuer, unix_now(), o.seed);
    config.device.client_id = o.client_id;
    config.device.scope = o.scope;
    config.device.serial_number = o.serial_number;
    config.device.dialect = cloud::Dialect::Rfc8628;  // discovered from the metadata
    return config;
}

struct IssuerSession::Parts {
    Parts(const IssuerSessionOptions& options, WallPacer::WallClock::time_point wall_now)
        : speaker(issuer_world(options),
                  [this, &options](const cloud::CloudConfig& config) {
                      auto made = std::make_unique<cloud::IssuerCloud>(
                          cloud::IssuerCloudOptions{options.issuer, options.ca_file}, config);
                      issuer = made.get();
                      return made;
                  }),
          pacer(speaker, wall_now, 1.0) {}

    cloud::IssuerCloud* issuer = nullptr;  // owned by the speaker's world
    VirtualSpeaker speaker;
    WallPacer pacer;
    HomeWifiHandOver wifi;
};

IssuerSession::IssuerSession(const IssuerSessionOptions& options, WallPacer::WallClock::time_point wall_now)
    : parts_(std::make_unique<Parts>(options, wall_now)) {
    parts_->speaker.power_on();
}

IssuerSession::~IssuerSession() = default;

bool IssuerSession::advance(WallPacer::WallClock::time_point wall_now, std::chrono::milliseconds budget) {
    const bool there = parts_->pacer.advance(wall_now, budget);
    parts_->wifi.poll(parts_->speaker);
    return there;
}

VirtualSpeaker& IssuerSession::speaker() { return parts_->speaker; }
const VirtualSpeaker& IssuerSession::speaker() const { return parts_->speaker; }
WallPacer& IssuerSession::pacer() { return parts_->pacer; }
const cloud::IssuerCloud& IssuerSession::issuer() const { return *parts_->issuer; }

std::string IssuerSession::verification_uri() const {
    return parts_->speaker.verification_uri();
}

} // namespace ringside::sim
