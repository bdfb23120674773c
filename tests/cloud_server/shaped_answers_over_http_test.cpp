// Shaped answers through the admin API of the real server (what `ringside run --cloud URL`
// sends for a scenario's `shape:`): omit and set.<member> reach the wire as given.
#include <catch2/catch.hpp>

#include "cloud_server/http_test_support.hpp"

using namespace ringside::test;

namespace {

HttpResult add_fault(const CloudProcess& cloud, const std::vector<std::string>& fields) {
    std::vector<std::string> args{"-H", "Authorization: Bearer " + cloud.admin_token()};
    for (const auto& f : fields) args.insert(args.end(), {"--data-urlencode", f});
    args.push_back(cloud.issuer() + "/admin/faults");
    return curl(args);
}

} // namespace

TEST_CASE("an admin fault with omit and set shapes the device authorization answer on the wire", "[http][shape]") {
    CloudProcess cloud;
    REQUIRE(add_fault(cloud, {"endpoint=device_authorization", "omit=interval", "set.expires_in=\"3600\"",
                              "set.hostile=-9223372036854775807"}).status == 201);
    const HttpResult shaped = curl({"-d", "client_id=ringside-speaker", cloud.issuer() + "/oauth2/device_authorization"});
    REQUIRE(shaped.status == 200);
    CHECK(shaped.body.find("\"interval\"") == std::string::npos);
    CHECK_THAT(shaped.body, Catch::Contains("\"expires_in\":\"3600\""));
    CHECK_THAT(shaped.body, Catch::Contains("\"hostile\":-9223372036854775807"));
    CHECK_FALSE(field(shaped, "device_code").empty());
    // count defaults to 1: the next answer is the service's own.
    const HttpResult plain = curl({"-d", "client_id=ringside-speaker", cloud.issuer() + "/oauth2/device_authorization"});
    CHECK(number(plain, "interval") == 5);
}

TEST_CASE("a set value that is not one JSON value is refused by the admin API", "[http][shape]") {
    CloudProcess cloud;
    const HttpResult refused = add_fault(cloud, {"endpoint=device_authorization", "set.expires_in=3600 3600"});
    CHECK(refused.status == 400);
    CHECK_THAT(refused.body, Catch::Contains("set.expires_in"));
}
