// Fault triggers set through the admin API and met by curl: the HTTP transport realises
// the same fault logic as the in-process one. Which requests a fault watches (endpoint,
// client), and when it fires among them (after, count, every, window, probability).
#include <catch2/catch.hpp>

#include "cloud_server/fault_test_support.hpp"

using namespace ringside::test;

namespace {

std::vector<int> metadata_statuses(const CloudProcess& cloud, int n) {
    std::vector<int> statuses;
    for (int i = 0; i < n; ++i) statuses.push_back(metadata(cloud).status);
    return statuses;
}

} // namespace

TEST_CASE("after skips the first N watched requests, count answers the next N, then stops", "[http][faults]") {
    CloudProcess cloud;
    REQUIRE(add_fault(cloud, {"endpoint=metadata", "status=503", "after=2", "count=2"}).status == 201);
    CHECK(metadata_statuses(cloud, 6) == std::vector<int>{200, 200, 503, 503, 200, 200});
}

TEST_CASE("one-shot by default, sticky with count=0", "[http][faults]") {
    CloudProcess cloud;
    REQUIRE(add_fault(cloud, {"endpoint=metadata", "status=500"}).status == 201);
    CHECK(metadata_statuses(cloud, 3) == std::vector<int>{500, 200, 200});
    REQUIRE(add_fault(cloud, {"endpoint=metadata", "status=500", "count=0"}).status == 201);
    CHECK(metadata_statuses(cloud, 5) == std::vector<int>{500, 500, 500, 500, 500});
}

TEST_CASE("every Nth watched request, sticky", "[http][faults]") {
    CloudProcess cloud;
    REQUIRE(add_fault(cloud, {"endpoint=metadata", "status=503", "every=3", "count=0"}).status == 201);
    CHECK(metadata_statuses(cloud, 7) == std::vector<int>{503, 200, 200, 503, 200, 200, 503});
}

TEST_CASE("a time window of the cloud's clock, opened and closed by time travel", "[http][faults]") {
    CloudProcess cloud;
    const std::int64_t now = cloud_now_ms(cloud);
    REQUIRE(add_fault(cloud, {"endpoint=metadata", "status=503", "count=0", "from_ms=" + std::to_string(now + 10'000),
                              "until_ms=" + std::to_string(now + 20'000)})
                .status == 201);
    CHECK(metadata(cloud).status == 200);  // not yet
    advance_clock(cloud, 10'000);
    CHECK(metadata_statuses(cloud, 2) == std::vector<int>{503, 503});
    advance_clock(cloud, 10'000);
    CHECK(metadata(cloud).status == 200);  // over

    // A window that has already closed never fires.
    CHECK(add_fault(cloud, {"endpoint=device_authorization", "status=500", "count=0", "from_ms=0", "until_ms=1"}).status == 201);
    CHECK(device_authorization(cloud).status == 200);
}

TEST_CASE("a probability is seeded: the same seed fires on the same requests, another seed elsewhere", "[http][faults]") {
    CloudProcess cloud;
    const auto pattern = [&](int seed) {
        reset_cloud(cloud, seed);
        REQUIRE(add_fault(cloud, {"endpoint=metadata", "status=500", "count=0", "probability=0.5"}).status == 201);
        std::string marks;
        for (int status : metadata_statuses(cloud, 16)) marks += status == 500 ? 'x' : '.';
        return marks;
    };
    const std::string five = pattern(5);
    CHECK(five == pattern(5));
    CHECK(five != pattern(6));
    CHECK(five.find('x') != std::string::npos);
    CHECK(five.find('.') != std::string::npos);
}

TEST_CASE("a fault watches its endpoint only, with grant= that grant only, with client= that client only", "[http][faults]") {
    CloudProcess cloud;
    REQUIRE(add_fault(cloud, {"endpoint=token", "grant=refresh_token", "status=500", "count=0"}).status == 201);
    CHECK(field(poll_token(cloud, "nonsense"), "error") == "invalid_grant");  // a device_code poll: untouched
    CHECK(curl({"-d", "grant_type=refresh_token", "-d", "refresh_token=x", "-d", "client_id=ringside-speaker",
                cloud.issuer() + "/oauth2/token"})
              .status == 500);

    reset_cloud(cloud, 1);
    REQUIRE(add_fault(cloud, {"endpoint=token", "status=503", "count=0"}).status == 201);
    CHECK(metadata(cloud).status == 200);
    CHECK(device_authorization(cloud).status == 200);
    CHECK(poll_token(cloud, "nonsense").status == 503);

    REQUIRE(add_fault(cloud, {"endpoint=device_authorization", "client=other-speaker", "status=500", "count=0"}).status == 201);
    CHECK(device_authorization(cloud, "other-speaker").status == 500);
    CHECK(device_authorization(cloud, "ringside-speaker").status == 200);
}

TEST_CASE("a whole-cloud outage: endpoint * inside a window answers every path 503, then the cloud is back", "[http][faults]") {
    CloudProcess cloud;
    const std::int64_t now = cloud_now_ms(cloud);
    REQUIRE(add_fault(cloud, {"endpoint=*", "status=503", "count=0", "from_ms=" + std::to_string(now),
                              "until_ms=" + std::to_string(now + 30 * 60'000)})
                .status == 201);
    CHECK(metadata(cloud).status == 503);
    CHECK(device_authorization(cloud).status == 503);
    CHECK(poll_token(cloud, "x").status == 503);
    CHECK(curl({cloud.issuer() + "/device"}).status == 503);
    CHECK(field(metadata(cloud), "error") == "temporarily_unavailable");
    advance_clock(cloud, 30 * 60'000);
    CHECK(metadata(cloud).status == 200);
    CHECK(device_authorization(cloud).status == 200);
    CHECK(curl({cloud.issuer() + "/device"}).status == 200);
}

TEST_CASE("the admin API refuses a fault it cannot read, naming the field", "[http][faults]") {
    CloudProcess cloud;
    const auto refused = [&](const std::vector<std::string>& fields, const std::string& says) {
        const HttpResult r = add_fault(cloud, fields);
        CHECK(r.status == 400);
        CHECK_THAT(field(r, "error_description"), Catch::Contains(says));
    };
    refused({"endpoint=token"}, "a fault needs");  // nothing to answer with
    refused({"endpoint=token", "body=no_such_kind"}, "body must be one of");
    refused({"endpoint=token", "break=explode"}, "break must be one of");
    refused({"endpoint=token", "delay_ms=soon"}, "delay_ms must be a whole number");
    refused({"endpoint=token", "delay_ms=500", "delay_max_ms=100"}, "delay_max_ms must be at least delay_ms");
    refused({"endpoint=token", "delay_ms=5", "delay_max_ms=9", "delay_sigma=1"}, "two shapes");
    refused({"endpoint=token", "delay_sigma=0.5"}, "needs delay_ms");
    refused({"endpoint=token", "raw_body=<html>"}, "raw_body is sent with a status");
    refused({"endpoint=token", "status=502", "content_type=text/html"}, "content_type goes with raw_body");
    refused({"endpoint=token", "status=503", "probability=2"}, "probability must be a number from 0 to 1");
}
