// Client authentication in process (RFC 6749 §2.3.1): a client that authenticates with HTTP
// Basic may leave client_id out of the body, and an empty client_id reads as absent (§3.2).
// Found by fuzz.cloud_requests: Basic plus an empty client_id in the body left the empty one
// first, and the endpoints read a client_id that was not there (undefined behaviour: ASan
// saw the code's client_id corrupt).
#include "cloud/cloud_test_support.hpp"

using namespace cloud_test;

namespace {

constexpr const char* kKitchenBasic = "Basic a2l0Y2hlbi1kaXNwbGF5OnMzY3JldA==";  // kitchen-display:s3cret

CloudConfig with_kitchen_display() {
    CloudConfig config;
    config.clients.push_back(Client{"kitchen-display", false, false, "Kitchen display", "s3cret"});
    return config;
}

CloudRequest basic_form(std::string path, std::string body) {
    CloudRequest r{"POST", std::move(path), "", "application/x-www-form-urlencoded", std::move(body)};
    r.authorization = kKitchenBasic;
    return r;
}

} // namespace

TEST_CASE("with Basic an empty client_id in the body reads as the authenticated client", "[cloud][client_auth]") {
    CloudService cloud(with_kitchen_display());
    for (const char* empty : {"client_id=", "client_id"}) {
        INFO(empty);
        const CloudResponse issued =
            cloud.handle(basic_form("/oauth2/device_authorization", std::string(empty) + "&scope=speaker"), 0ms);
        REQUIRE(issued.status == 200);
        // The code belongs to the authenticated client: its poll is pending, not invalid_grant.
        const CloudResponse polled = cloud.handle(
            basic_form("/oauth2/token", std::string("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&") +
                                            empty + "&device_code=" + str(issued, "device_code")),
            10s);
        CHECK(polled.status == 400);
        CHECK(error_of(polled) == "authorization_pending");
        CHECK(cloud.journal().back().client_id.empty());  // the journal reads the body as sent
    }
}

TEST_CASE("with Basic a different client_id in the body is refused as invalid_client", "[cloud][client_auth]") {
    CloudService cloud(with_kitchen_display());
    const CloudResponse r = cloud.handle(basic_form("/oauth2/device_authorization", "client_id=ringside-speaker"), 0ms);
    CHECK(r.status == 401);
    CHECK(error_of(r) == "invalid_client");
}
