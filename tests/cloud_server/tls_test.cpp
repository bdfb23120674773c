// `ringside cloud --tls`: HTTPS with a CA made at start-up. Clients that trust that CA get
// through; clients that trust nothing, or another run's CA, are refused by TLS itself.
#include <catch2/catch.hpp>

#include <filesystem>

#include "cloud_server/http_test_support.hpp"

using namespace ringside::test;
namespace fs = std::filesystem;

TEST_CASE("the TLS cloud is trusted through its own CA and no other", "[http][tls]") {
    const fs::path dir = fs::temp_directory_path() / "ringside-tls-test";
    fs::create_directories(dir);
    const std::string ca = (dir / "ca.pem").string(), other_ca = (dir / "other.pem").string();
    CloudProcess cloud({"--tls", "--ca-out", ca});
    CloudProcess other({"--tls", "--ca-out", other_ca});
    REQUIRE(cloud.issuer().rfind("https://127.0.0.1:", 0) == 0);

    const std::string metadata = cloud.issuer() + "/.well-known/oauth-authorization-server";
    const HttpResult trusted = curl({"--cacert", ca, metadata});
    REQUIRE(trusted.status == 200);
    CHECK(field(trusted, "issuer") == cloud.issuer());
    CHECK(curl({"--cacert", ca, "-d", "client_id=ringside-speaker", cloud.issuer() + "/oauth2/device_authorization"}).status == 200);

    CHECK(curl({metadata}).status == 0);                       // the system trust store does not know it
    CHECK(curl({"--cacert", other_ca, metadata}).status == 0);  // another run's CA is another CA
    CHECK(curl({"http://" + cloud.issuer().substr(8) + "/.well-known/oauth-authorization-server"}).status != 200);
    fs::remove_all(dir);
}

TEST_CASE("asking for the CA file without TLS is a usage error", "[http][tls]") {
    CHECK_THROWS_WITH(CloudProcess({"--ca-out", "/tmp/x.pem"}), Catch::Contains("--ca-out goes with --tls"));
}
