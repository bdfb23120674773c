// Transport faults done for real on the server's sockets, as curl meets them: an empty
// reply (curl 52), a reset (56), random bytes that are not HTTP (1; with --http0.9 curl
// takes them as a body, so the bytes themselves can be compared), a chunked body with a
// broken size line (56), and a drop held until the client gives up. Plain HTTP and TLS.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>

#include "cloud_server/fault_test_support.hpp"

using namespace ringside::test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

HttpResult broken_metadata(const CloudProcess& cloud, const std::string& kind, const std::vector<std::string>& curl_args = {}) {
    REQUIRE(add_fault(cloud, {"endpoint=metadata", "break=" + kind}, curl_args).status == 201);
    return metadata(cloud, curl_args);
}

int port_of(const std::string& issuer) { return std::atoi(issuer.c_str() + issuer.rfind(':') + 1); }

} // namespace

TEST_CASE("an empty reply: the connection closes before a byte (curl 52)", "[http][faults][break]") {
    CloudProcess cloud;
    const HttpResult r = broken_metadata(cloud, "empty_reply");
    CHECK(r.exit_code == 52);
    CHECK(r.status == 0);
    CHECK(r.headers.empty());
    CHECK_THAT(journal(cloud, "metadata"), Catch::Contains("\"status\":0,\"error\":\"broken_empty_reply\",\"faulted\":true"));
    CHECK(metadata(cloud).status == 200);  // the server goes on serving
}

TEST_CASE("a reset: the connection is reset instead of answered (curl 56)", "[http][faults][break]") {
    CloudProcess cloud;
    const HttpResult r = broken_metadata(cloud, "reset");
    CHECK(r.exit_code == 56);
    CHECK(r.status == 0);
    CHECK_THAT(journal(cloud, "metadata"), Catch::Contains("\"error\":\"broken_reset\""));
    CHECK(metadata(cloud).status == 200);
}

TEST_CASE("random bytes then close: not HTTP (curl 1 or 8), the same bytes for the same seed", "[http][faults][break]") {
    CloudProcess cloud;
    const HttpResult refused = broken_metadata(cloud, "random_bytes");
    CHECK((refused.exit_code == 1 || refused.exit_code == 8));
    CHECK(refused.status == 0);
    CHECK_THAT(journal(cloud, "metadata"), Catch::Contains("\"error\":\"broken_random_bytes\""));

    // Read as HTTP/0.9, whatever arrives is the body: 64 bytes, then the close.
    const auto bytes = [&](int seed) {
        reset_cloud(cloud, seed);
        const HttpResult r = broken_metadata(cloud, "random_bytes", {"--http0.9"});
        CHECK(r.exit_code == 0);
        CHECK(r.body.size() == 64);
        return r.body;
    };
    const std::string first = bytes(3);
    CHECK(first == bytes(3));
    CHECK(first != bytes(4));
    CHECK(metadata(cloud).status == 200);
}

TEST_CASE("a malformed chunk: a real status line and headers, then chunked framing that breaks (curl 56)", "[http][faults][break]") {
    CloudProcess cloud;
    const HttpResult r = broken_metadata(cloud, "malformed_chunk");
    CHECK(r.exit_code == 56);
    CHECK(r.status == 200);  // the head was fine
    CHECK_THAT(r.headers, Catch::Contains("Transfer-Encoding: chunked"));
    CHECK_THAT(journal(cloud, "metadata"), Catch::Contains("\"status\":200,\"error\":\"broken_malformed_chunk\""));
    CHECK(metadata(cloud).status == 200);
}

TEST_CASE("a drop holds the exchange without a byte until the client gives up", "[http][faults][break]") {
    CloudProcess cloud;
    REQUIRE(add_fault(cloud, {"endpoint=metadata", "drop=true"}).status == 201);
    const HttpResult r = metadata(cloud, {"--max-time", "1"});
    CHECK(r.exit_code == 28);  // curl's own timeout ended it
    CHECK(r.status == 0);
    CHECK(r.headers.empty());
    CHECK(r.elapsed >= 1s);
    CHECK_THAT(journal(cloud, "metadata"), Catch::Contains("\"status\":0,\"error\":\"dropped\",\"faulted\":true"));
    CHECK(metadata(cloud).status == 200);
}

TEST_CASE("a dropped exchange is closed with no bytes once the client half-closes", "[http][faults][break]") {
    CloudProcess cloud;
    REQUIRE(add_fault(cloud, {"endpoint=metadata", "drop=true"}).status == 201);
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(s >= 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<std::uint16_t>(port_of(cloud.issuer())));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(s, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0);
    const std::string request = "GET /.well-known/oauth-authorization-server HTTP/1.1\r\nHost: x\r\n\r\n";
    REQUIRE(::send(s, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size()));
    // Give the server time to take the request, then say we are done sending.
    pollfd quiet{s, POLLIN, 0};
    CHECK(::poll(&quiet, 1, 300) == 0);  // held: nothing comes back
    ::shutdown(s, SHUT_WR);
    pollfd closing{s, POLLIN, 0};
    REQUIRE(::poll(&closing, 1, 5000) == 1);
    char byte = 0;
    CHECK(::recv(s, &byte, 1, 0) == 0);  // an orderly close, and not one byte
    ::close(s);
}

TEST_CASE("under TLS the breaks happen on the encrypted connection", "[http][faults][break][tls]") {
    const fs::path dir = fs::temp_directory_path() / "ringside-tls-break-test";
    fs::create_directories(dir);
    const std::string ca = (dir / "ca.pem").string();
    CloudProcess cloud({"--tls", "--ca-out", ca});
    const std::vector<std::string> trust{"--cacert", ca};
    CHECK(broken_metadata(cloud, "empty_reply", trust).exit_code == 52);
    CHECK(broken_metadata(cloud, "reset", trust).exit_code == 56);
    CHECK(broken_metadata(cloud, "random_bytes", trust).exit_code == 56);  // garbage where a TLS record should be
    const HttpResult chunk = broken_metadata(cloud, "malformed_chunk", trust);
    CHECK(chunk.exit_code == 56);
    CHECK(chunk.status == 200);
    REQUIRE(add_fault(cloud, {"endpoint=metadata", "drop=true"}, trust).status == 201);
    std::vector<std::string> patient = trust;
    patient.insert(patient.end(), {"--max-time", "1"});
    CHECK(metadata(cloud, patient).exit_code == 28);  // held, not answered, until curl gave up
    REQUIRE(add_fault(cloud, {"endpoint=metadata", "dribble_ms=400"}, trust).status == 201);
    const HttpResult slow = metadata(cloud, trust);
    CHECK(slow.status == 200);
    CHECK(slow.elapsed >= 400ms);
    CHECK(metadata(cloud, trust).status == 200);
    fs::remove_all(dir);
}
