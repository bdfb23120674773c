#include "sim/board/link_model.hpp"

namespace ringside::sim {
namespace {

// Distinct from the firmware's Random stream and the cloud's, which share the scenario seed.
constexpr std::uint64_t kLinkStream = 0x6c696e6b6d6f6465ULL;  // "linkmode"

// Rough figures for a home network: 2.4 GHz is the crowded band.
constexpr LinkProfile kProfiles[2][4] = {
    // 2.4 GHz: none, low, medium, high
    {{Millis{20}, Millis{0}, 0}, {Millis{25}, Millis{10}, 5}, {Millis{35}, Millis{40}, 20}, {Millis{50}, Millis{120}, 60}},
    // 5 GHz
    {{Millis{8}, Millis{0}, 0}, {Millis{9}, Millis{4}, 1}, {Millis{12}, Millis{12}, 5}, {Millis{15}, Millis{30}, 15}},
};

} // namespace

std::string_view to_string(WifiBand band) { return band == WifiBand::GHz5 ? "5GHz" : "2.4GHz"; }

std::string_view to_string(Congestion level) {
    switch (level) {
        case Congestion::None: return "none";
        case Congestion::Low: return "low";
        case Congestion::Medium: return "medium";
        case Congestion::High: return "high";
    }
    return "none";
}

bool parse(std::string_view name, WifiBand& out) {
    if (name == "2.4GHz" || name == "2.4ghz" || name == "2.4") {
        out = WifiBand::GHz2_4;
        return true;
    }
    if (name == "5GHz" || name == "5ghz" || name == "5") {
        out = WifiBand::GHz5;
        return true;
    }
    return false;
}

bool parse(std::string_view name, Congestion& out) {
    for (Congestion c : {Congestion::None, Congestion::Low, Congestion::Medium, Congestion::High}) {
        if (name == to_string(c)) {
            out = c;
            return true;
        }
    }
    return false;
}

LinkProfile link_profile(WifiBand band, Congestion level) {
    return kProfiles[band == WifiBand::GHz5 ? 1 : 0][static_cast<int>(level)];
}

LinkModel::LinkModel(std::uint64_t seed) : prng_(seed ^ kLinkStream) {}

std::optional<Millis> LinkModel::hop(WifiBand band) {
    ++messages_;
    if (down_) {
        ++lost_;
        return std::nullopt;
    }
    const LinkProfile p = link_profile(band, congestion_);
    // No draws without congestion: an uncongested world draws nothing, so adding this model
    // changed no existing scenario's run.
    if (p.loss_per_mille > 0 && prng_.below(1000) < p.loss_per_mille) {
        ++lost_;
        return std::nullopt;
    }
    Millis delay = p.base;
    if (p.jitter.count() > 0) delay += Millis{prng_.below(static_cast<std::uint32_t>(p.jitter.count()) + 1)};
    return delay;
}

} // namespace ringside::sim
