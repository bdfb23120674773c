// Same seed, same requests, same times: the same bytes. A scenario's reproduction command
// relies on this.
#include "cloud/cloud_test_support.hpp"

using namespace cloud_test;

namespace {

// A run touching every random draw: device codes, user codes, access and refresh tokens.
std::vector<std::string> run(std::uint64_t seed) {
    CloudConfig config;
    config.seed = seed;
    CloudService cloud(config);
    std::vector<std::string> bodies;
    const auto keep = [&](const CloudResponse& r) {
        std::string line = std::to_string(r.status) + " " + r.content_type + " " + r.body;
        for (const auto& [name, value] : r.headers) line += " " + name + "=" + value;
        bodies.push_back(line);
        return r;
    };
    keep(cloud.handle(get("/.well-known/oauth-authorization-server"), 0ms));
    const DeviceStart a = start_device_flow(cloud, 1s);
    keep(a.response);
    keep(start_device_flow(cloud, 2s).response);
    keep(poll(cloud, a.device_code, 3s));
    keep(poll(cloud, a.device_code, 4s));
    cloud.approve(a.user_code, "demo", 5s);
    const CloudResponse tokens = keep(poll(cloud, a.device_code, 20s));
    keep(refresh(cloud, str(tokens, "refresh_token"), 30s));
    return bodies;
}

} // namespace

TEST_CASE("the same seed gives byte-identical responses", "[cloud][determinism]") {
    const auto first = run(42);
    const auto second = run(42);
    REQUIRE(first.size() == second.size());
    for (std::size_t i = 0; i < first.size(); ++i) {
        INFO("response " << i);
        CHECK(first[i] == second[i]);
    }
}

TEST_CASE("different seeds give different codes and tokens", "[cloud][determinism]") {
    const auto a = run(42);
    const auto b = run(43);
    REQUIRE(a.size() == b.size());
    CHECK(a[0] == b[0]);  // metadata holds nothing random
    for (const std::size_t i : {1u, 2u, 5u, 6u}) {
        INFO("response " << i);
        CHECK(a[i] != b[i]);
    }
}

TEST_CASE("faults do not shift the random stream", "[cloud][determinism]") {
    CloudConfig config;
    config.seed = 9;
    CloudService plain(config);
    CloudService faulty(config);
    Fault fault;
    fault.endpoint = "device_authorization";
    fault.status = 503;
    faulty.add_fault(fault);
    CHECK(faulty.handle(post_form("/oauth2/device_authorization", {{"client_id", kClient}}), 0ms).status == 503);
    CHECK(start_device_flow(faulty, 1s).response.body == start_device_flow(plain, 1s).response.body);
}
