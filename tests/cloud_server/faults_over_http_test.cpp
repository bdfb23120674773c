// Fault triggers and kinds set through the admin API and met by curl: the HTTP transport
// realises the same fault logic as the in-process one.
#include <catch2/catch.hpp>

#include <chrono>

#include "cloud_server/http_test_support.hpp"

using namespace ringside::test;

namespace {

HttpResult add_fault(const CloudProcess& cloud, const std::vector<std::string>& fields) {
    std::vector<std::string> args{"-H", "Authorization: Bearer " + cloud.admin_token()};
    for (const auto& f : fields) args.insert(args.end(), {"-d", f});
    args.push_back(cloud.issuer() + "/admin/faults");
    return curl(args);
}

HttpResult metadata(const CloudProcess& cloud) { return curl({cloud.issuer() + "/.well-known/oauth-authorization-server"}); }

} // namespace

TEST_CASE("every-Nth, sticky and windowed faults through the HTTP server", "[http][faults]") {
    CloudProcess cloud;
    REQUIRE(add_fault(cloud, {"endpoint=metadata", "status=503", "every=2", "count=0"}).status == 201);
    std::vector<int> statuses;
    for (int i = 0; i < 4; ++i) statuses.push_back(metadata(cloud).status);
    CHECK(statuses == std::vector<int>{503, 200, 503, 200});

    // A window in the cloud's clock that has already closed never fires.
    CHECK(add_fault(cloud, {"endpoint=device_authorization", "status=500", "count=0", "from_ms=0", "until_ms=1"}).status == 201);
    CHECK(curl({"-d", "client_id=ringside-speaker", cloud.issuer() + "/oauth2/device_authorization"}).status == 200);
}

TEST_CASE("malformed token bodies and delays through the HTTP server", "[http][faults]") {
    CloudProcess cloud;
    REQUIRE(add_fault(cloud, {"endpoint=token", "body=wrong_content_type"}).status == 201);
    const HttpResult portal = curl({"-d", "grant_type=refresh_token", "-d", "refresh_token=x", "-d", "client_id=ringside-speaker",
                                    cloud.issuer() + "/oauth2/token"});
    CHECK(portal.status == 200);
    CHECK_THAT(portal.headers, Catch::Contains("Content-Type: text/html"));
    CHECK_THAT(portal.body, Catch::Contains("hotel Wi-Fi"));

    REQUIRE(add_fault(cloud, {"endpoint=metadata", "delay_ms=400"}).status == 201);
    const auto start = std::chrono::steady_clock::now();
    CHECK(metadata(cloud).status == 200);  // the normal answer, late
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(400));

    CHECK(add_fault(cloud, {"endpoint=token", "body=no_such_kind"}).status == 400);
    CHECK(add_fault(cloud, {"endpoint=token"}).status == 400);  // nothing to answer with
}
