// Fault triggers (every Nth, time window, probability, client) and the malformed token
// bodies, through CloudService::handle: the same logic both transports run.
#include "cloud/cloud_test_support.hpp"

using namespace cloud_test;

namespace {

CloudResponse metadata_at(CloudService& cloud, Millis now) { return cloud.handle(get("/.well-known/oauth-authorization-server"), now); }

Fault on_metadata(int status) {
    Fault f;
    f.endpoint = "metadata";
    f.status = status;
    return f;
}

} // namespace

TEST_CASE("every: the fault fires on every Nth watched request after the first `after`", "[cloud][faults]") {
    CloudService cloud(CloudConfig{});
    Fault f = on_metadata(503);
    f.after = 1;
    f.every = 3;
    f.count = 0;
    cloud.add_fault(f);
    std::vector<int> statuses;
    for (int i = 0; i < 8; ++i) statuses.push_back(metadata_at(cloud, Millis(i)).status);
    CHECK(statuses == std::vector<int>{200, 503, 200, 200, 503, 200, 200, 503});
}

TEST_CASE("a time window: only requests from its start until its end are faulted (a whole-cloud outage)", "[cloud][faults]") {
    CloudService cloud(CloudConfig{});
    Fault f = on_metadata(503);
    f.endpoint = "*";
    f.count = 0;
    f.from = 10s;
    f.until = 20s;
    cloud.add_fault(f);
    CHECK(metadata_at(cloud, 9s).status == 200);
    CHECK(metadata_at(cloud, 10s).status == 503);
    CHECK(cloud.handle(post_form("/oauth2/device_authorization", {{"client_id", kClient}}), 15s).status == 503);
    CHECK(metadata_at(cloud, 19999ms).status == 503);
    CHECK(metadata_at(cloud, 20s).status == 200);
}

TEST_CASE("probability: seeded, so the same seed faults the same requests, and about that share", "[cloud][faults]") {
    const auto pattern = [](std::uint64_t seed) {
        CloudConfig config;
        config.seed = seed;
        CloudService cloud(config);
        Fault f = on_metadata(500);
        f.count = 0;
        f.probability = 0.25;
        cloud.add_fault(f);
        std::string marks;
        for (int i = 0; i < 400; ++i) marks += metadata_at(cloud, Millis(i)).status == 500 ? 'x' : '.';
        return marks;
    };
    const std::string a = pattern(7);
    CHECK(a == pattern(7));
    CHECK(a != pattern(8));
    const auto hits = std::count(a.begin(), a.end(), 'x');
    CHECK(hits > 60);
    CHECK(hits < 140);
}

TEST_CASE("a client filter faults only that client's requests", "[cloud][faults]") {
    CloudConfig config;
    config.clients.push_back(Client{"other-speaker", true});
    CloudService cloud(config);
    Fault f;
    f.endpoint = "device_authorization";
    f.client_id = "other-speaker";
    f.status = 503;
    f.count = 0;
    cloud.add_fault(f);
    CHECK(cloud.handle(post_form("/oauth2/device_authorization", {{"client_id", kClient}}), 0ms).status == 200);
    CHECK(cloud.handle(post_form("/oauth2/device_authorization", {{"client_id", "other-speaker"}}), 0ms).status == 503);
}

TEST_CASE("malformed token bodies: 200 answers broken in each named way, journaled as faults", "[cloud][faults]") {
    for (const std::string& kind : fault_body_kinds()) {
        INFO(kind);
        CloudService cloud(CloudConfig{});
        const std::string refresh_token = str(sign_in(cloud, 0ms), "refresh_token");
        Fault f;
        f.endpoint = "token";
        f.grant_type = "refresh_token";
        f.body = kind;
        cloud.add_fault(f);
        const CloudResponse r = refresh(cloud, refresh_token, 1s);
        CHECK(r.status == 200);
        CHECK(cloud.journal().back().faulted);
        CHECK(cloud.journal().back().error == "malformed_" + kind);
        if (kind == "wrong_content_type") CHECK(r.content_type == "text/html");
        if (kind == "empty") CHECK(r.body.empty());
        if (kind == "missing_access_token") CHECK(r.body.find("access_token") == std::string::npos);
        if (kind == "negative_expires_in") CHECK(num(r, "expires_in") < 0);
        if (kind == "wrong_token_type") CHECK(str(r, "token_type") == "MAC");
        // The faulted refresh never reached the service: the real token still works.
        CHECK(refresh(cloud, refresh_token, 2s).status == 200);
    }
}

TEST_CASE("a delay-only fault lets the service answer, and marks how long to hold it", "[cloud][faults]") {
    CloudService cloud(CloudConfig{});
    Fault f;
    f.endpoint = "metadata";
    f.delay = 7s;
    cloud.add_fault(f);
    const CloudResponse r = metadata_at(cloud, 0ms);
    CHECK(r.status == 200);
    CHECK(r.delay == 7s);
    CHECK(cloud.journal().back().faulted);
    CHECK(metadata_at(cloud, 1s).delay == 0ms);  // count 1: once
}
