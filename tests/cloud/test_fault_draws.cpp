// What a firing fault draws from its own stream: delays by shape, random bytes. Same seed,
// same draws; draws inside their bounds; and no draw moves any other random stream.
#include <algorithm>
#include <cmath>

#include "cloud/cloud_test_support.hpp"
#include "cloud/faults/fault_draws.hpp"

using namespace cloud_test;

namespace {

Fault uniform(Millis least, Millis most) {
    Fault f;
    f.endpoint = "metadata";
    f.count = 0;
    f.delay_shape = DelayShape::Uniform;
    f.delay = least;
    f.delay_max = most;
    return f;
}

Fault lognormal(Millis median, double sigma) {
    Fault f;
    f.endpoint = "metadata";
    f.count = 0;
    f.delay_shape = DelayShape::LogNormal;
    f.delay = median;
    f.delay_sigma = sigma;
    return f;
}

std::vector<Millis> draws(const Fault& f, std::uint64_t seed, int n) {
    ringside::common::Prng stream(seed);
    std::vector<Millis> out;
    for (int i = 0; i < n; ++i) out.push_back(draw_delay(f, stream));
    return out;
}

// Delays the cloud put on `n` metadata answers, as the journal records them.
std::vector<Millis> journaled_delays(std::uint64_t seed, const std::vector<Fault>& faults, int n) {
    CloudConfig config;
    config.seed = seed;
    CloudService cloud(config);
    for (const Fault& f : faults) cloud.add_fault(f);
    std::vector<Millis> out;
    for (int i = 0; i < n; ++i) {
        const CloudResponse r = cloud.handle(get("/.well-known/oauth-authorization-server"), Millis(i));
        CHECK(r.delay == cloud.journal().back().delay);
        out.push_back(r.delay);
    }
    return out;
}

} // namespace

TEST_CASE("a fixed delay is the same every time and takes nothing from the stream", "[cloud][faults][delay]") {
    Fault f;
    f.delay = 1500ms;
    ringside::common::Prng stream(3), untouched(3);
    for (int i = 0; i < 5; ++i) CHECK(draw_delay(f, stream) == 1500ms);
    CHECK(stream.next() == untouched.next());
}

TEST_CASE("uniform delays stay in [min, max], reach both ends and repeat for a seed", "[cloud][faults][delay]") {
    const Fault f = uniform(1000ms, 1004ms);
    const auto a = draws(f, 11, 500);
    CHECK(a == draws(f, 11, 500));
    CHECK(a != draws(f, 12, 500));
    CHECK(*std::min_element(a.begin(), a.end()) == 1000ms);
    CHECK(*std::max_element(a.begin(), a.end()) == 1004ms);
    // Each of the five values about a fifth of the time.
    for (int ms = 1000; ms <= 1004; ++ms) {
        const auto n = std::count(a.begin(), a.end(), Millis(ms));
        CHECK(n > 60);
        CHECK(n < 140);
    }
    CHECK(draws(uniform(2s, 2s), 1, 3) == std::vector<Millis>{2s, 2s, 2s});
}

TEST_CASE("log-normal delays have the median and spread asked for, and repeat for a seed", "[cloud][faults][delay]") {
    const Fault f = lognormal(2000ms, 0.5);
    auto a = draws(f, 5, 2001);
    CHECK(a == draws(f, 5, 2001));
    CHECK(a != draws(f, 6, 2001));
    std::sort(a.begin(), a.end());
    // Median within 5 % of 2 s; the middle 68 % within e^(±0.5) of it, give or take.
    CHECK(a[1000] > 1900ms);
    CHECK(a[1000] < 2100ms);
    CHECK(a[320] > 1100ms);   // 2 s * e^-0.5 = 1.21 s at the 16th percentile
    CHECK(a[320] < 1350ms);
    CHECK(a[1680] > 3000ms);  // 2 s * e^0.5 = 3.30 s at the 84th
    CHECK(a[1680] < 3600ms);
    CHECK(a.front() > 0ms);
    // A wild sigma is still capped.
    for (Millis d : draws(lognormal(30min, 4.0), 9, 200)) CHECK(d <= kMaxDrawnDelay);
}

TEST_CASE("random bytes: the same stream gives the same bytes, never a status line", "[cloud][faults][break]") {
    ringside::common::Prng a(21), b(21), c(22);
    const std::string first = draw_random_bytes(a);
    CHECK(first.size() == kRandomBytesLength);
    CHECK(first == draw_random_bytes(b));
    CHECK(first != draw_random_bytes(c));
    CHECK(draw_random_bytes(a) != first);  // the next firing sends other bytes
    for (std::uint64_t seed = 0; seed < 300; ++seed) {
        ringside::common::Prng s(seed);
        const char lead = draw_random_bytes(s)[0];
        REQUIRE(lead != 'H');
        REQUIRE(lead != 'h');
    }
}

TEST_CASE("the cloud draws each firing's delay from the fault's own stream: same seed, same delays", "[cloud][faults][delay]") {
    const std::vector<Fault> faults{uniform(100ms, 900ms)};
    const auto a = journaled_delays(4, faults, 20);
    CHECK(a == journaled_delays(4, faults, 20));
    CHECK(a != journaled_delays(5, faults, 20));
    for (Millis d : a) {
        CHECK(d >= 100ms);
        CHECK(d <= 900ms);
    }
}

TEST_CASE("delay draws move no other stream: probabilities, other faults' delays, codes and tokens", "[cloud][faults][delay]") {
    Fault coin;
    coin.endpoint = "metadata";
    coin.count = 0;
    coin.status = 500;
    coin.probability = 0.5;
    Fault slow = lognormal(400ms, 1.0);
    const auto pattern = [&](bool with_slow) {
        CloudConfig config;
        config.seed = 8;
        CloudService cloud(config);
        if (with_slow) cloud.add_fault(slow);
        cloud.add_fault(coin);
        std::string marks;
        for (int i = 0; i < 64; ++i)
            marks += cloud.handle(get("/.well-known/oauth-authorization-server"), Millis(i)).status == 500 ? 'x' : '.';
        const DeviceStart start = start_device_flow(cloud, 1s);
        return marks + " " + start.device_code + " " + start.user_code;
    };
    CHECK(pattern(true) == pattern(false));

    // A second delay fault does not change the first one's draws.
    const Fault second = uniform(1ms, 5ms);
    const auto alone = journaled_delays(3, {slow}, 10);
    const auto together = journaled_delays(3, {slow, second}, 10);
    for (std::size_t i = 0; i < alone.size(); ++i) {
        CHECK(together[i] >= alone[i] + 1ms);
        CHECK(together[i] <= alone[i] + 5ms);
    }
}
