#include <catch2/catch.hpp>

#include "sim/board/url.hpp"

using ringside::sim::parse_url;

TEST_CASE("parse_url splits an https URL with path and query", "[sim][url]") {
    const auto url = parse_url("https://auth.ringside.test/oauth2/token?x=1&y=%202");
    REQUIRE(url);
    CHECK(url->scheme == "https");
    CHECK(url->host == "auth.ringside.test");
    CHECK(url->port == 443);
    CHECK(url->path == "/oauth2/token");
    CHECK(url->query == "x=1&y=%202");
    CHECK(url->origin() == "https://auth.ringside.test:443");
}

TEST_CASE("parse_url takes explicit ports and scheme defaults", "[sim][url]") {
    const auto with_port = parse_url("http://127.0.0.1:8080/device");
    REQUIRE(with_port);
    CHECK(with_port->port == 8080);
    CHECK(with_port->host == "127.0.0.1");
    CHECK(with_port->path == "/device");

    const auto plain = parse_url("http://localhost");
    REQUIRE(plain);
    CHECK(plain->port == 80);
    CHECK(plain->path == "/");
    CHECK(plain->query.empty());
}

TEST_CASE("parse_url: same origin regardless of case and default port", "[sim][url]") {
    CHECK(parse_url("HTTPS://Auth.Ringside.Test/")->origin() == parse_url("https://auth.ringside.test:443")->origin());
    CHECK(parse_url("https://auth.ringside.test:8443/")->origin() != parse_url("https://auth.ringside.test/")->origin());
    CHECK(parse_url("http://auth.ringside.test/")->origin() != parse_url("https://auth.ringside.test/")->origin());
}

TEST_CASE("parse_url: query without path, fragment dropped, path keeps case", "[sim][url]") {
    const auto q = parse_url("https://h.test?a=b");
    REQUIRE(q);
    CHECK(q->path == "/");
    CHECK(q->query == "a=b");

    const auto f = parse_url("https://h.test/.well-known/Oauth-Authorization-Server#frag");
    REQUIRE(f);
    CHECK(f->path == "/.well-known/Oauth-Authorization-Server");
    CHECK(f->query.empty());
}

TEST_CASE("parse_url rejects what is not an absolute http(s) URL", "[sim][url]") {
    CHECK_FALSE(parse_url(""));
    CHECK_FALSE(parse_url("/oauth2/token"));
    CHECK_FALSE(parse_url("ftp://h.test/x"));
    CHECK_FALSE(parse_url("https:///path"));
    CHECK_FALSE(parse_url("https://h.test:/x"));
    CHECK_FALSE(parse_url("https://h.test:0/x"));
    CHECK_FALSE(parse_url("https://h.test:65536/x"));
    CHECK_FALSE(parse_url("https://h.test:80a/x"));
    CHECK_FALSE(parse_url("https://user:pw@h.test/x"));
}
