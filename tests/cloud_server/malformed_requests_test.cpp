// Hostile and broken requests get RFC 6749 §5.2-shaped answers and never take the server down.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cloud_server/http_test_support.hpp"

using namespace ringside::test;

namespace {

// Writes raw bytes to the server's port and closes, as a broken or malicious client would.
void send_raw(const std::string& issuer, const std::string& bytes) {
    const int port = std::stoi(issuer.substr(issuer.rfind(':') + 1));
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
        (void)!write(fd, bytes.data(), bytes.size());
        char buf[512];
        timeval tv{1, 0};
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        (void)!read(fd, buf, sizeof buf);
    }
    close(fd);
}

void check_rfc_error(const HttpResult& r, int status, const std::string& error) {
    INFO(r.body);
    CHECK(r.status == status);
    CHECK(field(r, "error") == error);
    CHECK_FALSE(field(r, "error_description").empty());
    CHECK_THAT(r.headers, Catch::Contains("Cache-Control: no-store"));
}

} // namespace

TEST_CASE("malformed requests get RFC-shaped errors and the server keeps serving", "[http]") {
    CloudProcess cloud;
    const std::string token = cloud.issuer() + "/oauth2/token";

    check_rfc_error(curl({"-d", "grant_type=%zz&client_id=ringside-speaker", token}), 400, "invalid_request");
    check_rfc_error(curl({"-d", "grant_type=password&client_id=ringside-speaker", token}), 400, "unsupported_grant_type");
    check_rfc_error(curl({"-d", "client_id=ringside-speaker", token}), 400, "invalid_request");
    check_rfc_error(curl({"-d", kDeviceGrant, "-d", "client_id=ringside-speaker", token}), 400, "invalid_request");
    check_rfc_error(curl({"-d", std::string(kDeviceGrant) + "&device_code=%C3%28%FF&client_id=ringside-speaker", token}),
                    400, "invalid_grant");
    check_rfc_error(curl({"-d", "client_id=%FF%FE", cloud.issuer() + "/oauth2/device_authorization"}), 401,
                    "invalid_client");
    check_rfc_error(curl({token}), 405, "invalid_request");
    check_rfc_error(curl({"-X", "PUT", "-d", "x=1", token}), 405, "invalid_request");
    check_rfc_error(curl({"-H", "Content-Type: application/json", "-d", "{\"grant_type\":\"refresh_token\"}", token}), 400,
                    "invalid_request");
    check_rfc_error(curl({"--data-binary", "grant_type=" + std::string(64 * 1024, 'a'), token}), 413, "invalid_request");

    send_raw(cloud.issuer(), "\x16\x03\x01\x02\x00garbage that is not HTTP\r\n\r\n");
    send_raw(cloud.issuer(), "POST /oauth2/token HTTP/1.1\r\nContent-Length: 100\r\n\r\nshort");
    send_raw(cloud.issuer(), "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");

    REQUIRE(cloud.running());
    CHECK(curl({cloud.issuer() + "/.well-known/oauth-authorization-server"}).status == 200);
    CHECK(cloud.stop() == 0);
}
