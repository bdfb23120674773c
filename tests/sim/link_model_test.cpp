#include <catch2/catch.hpp>

#include <vector>

#include "sim/board/link_model.hpp"

using namespace ringside::sim;

namespace {

struct Sample {
    long long total_ms = 0;
    int lost = 0;
    std::vector<long long> delays;
};

Sample sample(std::uint64_t seed, WifiBand band, Congestion level, int messages) {
    LinkModel link(seed);
    link.set_congestion(level);
    Sample s;
    for (int i = 0; i < messages; ++i) {
        const auto d = link.hop(band);
        if (!d) {
            ++s.lost;
            s.delays.push_back(-1);
            continue;
        }
        s.total_ms += d->count();
        s.delays.push_back(d->count());
    }
    return s;
}

} // namespace

TEST_CASE("no congestion: fixed latency, nothing lost", "[sim][link]") {
    const Sample a = sample(3, WifiBand::GHz2_4, Congestion::None, 100);
    CHECK(a.lost == 0);
    CHECK(a.total_ms == 100 * 20);
    const Sample b = sample(3, WifiBand::GHz5, Congestion::None, 100);
    CHECK(b.total_ms == 100 * 8);
}

TEST_CASE("congested 2.4 GHz is slower and lossier than congested 5 GHz", "[sim][link]") {
    for (Congestion level : {Congestion::Low, Congestion::Medium, Congestion::High}) {
        const Sample slow = sample(9, WifiBand::GHz2_4, level, 20000);
        const Sample fast = sample(9, WifiBand::GHz5, level, 20000);
        INFO("congestion " << to_string(level));
        CHECK(slow.total_ms / (20000 - slow.lost) > fast.total_ms / (20000 - fast.lost));
        CHECK(slow.lost > fast.lost);
    }
    // High congestion loses about 6 % on 2.4 GHz.
    const Sample high = sample(9, WifiBand::GHz2_4, Congestion::High, 20000);
    CHECK(high.lost > 1000);
    CHECK(high.lost < 1400);
}

TEST_CASE("the same seed gives the same delays and losses, another seed does not", "[sim][link]") {
    CHECK(sample(5, WifiBand::GHz2_4, Congestion::High, 500).delays ==
          sample(5, WifiBand::GHz2_4, Congestion::High, 500).delays);
    CHECK(sample(5, WifiBand::GHz2_4, Congestion::High, 500).delays !=
          sample(6, WifiBand::GHz2_4, Congestion::High, 500).delays);
}

TEST_CASE("a down link loses everything until it is up again", "[sim][link]") {
    LinkModel link(1);
    link.set_down(true);
    CHECK_FALSE(link.hop(WifiBand::GHz5).has_value());
    CHECK_FALSE(link.hop(WifiBand::GHz2_4).has_value());
    link.set_down(false);
    CHECK(link.hop(WifiBand::GHz5).has_value());
    CHECK(link.lost() == 2);
}

TEST_CASE("band and congestion names parse as scenarios write them", "[sim][link]") {
    WifiBand band{};
    CHECK(parse("5GHz", band));
    CHECK(band == WifiBand::GHz5);
    CHECK(parse("2.4GHz", band));
    CHECK(band == WifiBand::GHz2_4);
    CHECK_FALSE(parse("6GHz", band));
    Congestion level{};
    CHECK(parse("high", level));
    CHECK(level == Congestion::High);
    CHECK_FALSE(parse("extreme", level));
}
