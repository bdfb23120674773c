#include <catch2/catch.hpp>

#include <cstring>
#include <string>

#include "firmware/core/fixed_string.hpp"
#include "firmware/core/form_writer.hpp"
#include "firmware/core/url.hpp"

using namespace ringside::fw;

TEST_CASE("form writer percent-encodes names and values", "[core][form]") {
    char buffer[256];
    FormWriter form(buffer, sizeof buffer);
    REQUIRE(form.add("grant_type", "urn:ietf:params:oauth:grant-type:device_code"));
    REQUIRE(form.add("client_id", "ringside-speaker"));
    REQUIRE(form.add("scope", "a b+c&d=e/f~g.h_i"));
    REQUIRE(form.add("refresh_token", "Atzr|IwE"));
    CHECK(form.view() ==
          "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&client_id=ringside-speaker"
          "&scope=a%20b%2Bc%26d%3De%2Ff~g.h_i&refresh_token=Atzr%7CIwE");
    CHECK(form.ok());
}

TEST_CASE("form writer encodes non-ASCII bytes and empty values", "[core][form]") {
    char buffer[64];
    FormWriter form(buffer, sizeof buffer);
    REQUIRE(form.add("n", "\xC3\xA9"));
    REQUIRE(form.add("empty", ""));
    CHECK(form.view() == "n=%C3%A9&empty=");
}

TEST_CASE("form writer overflow is all-or-nothing and stays inside the buffer", "[core][form]") {
    char buffer[32];
    std::memset(buffer, '#', sizeof buffer);
    FormWriter form(buffer, 20);
    REQUIRE(form.add("a", "12345"));  // "a=12345" = 7
    const std::string before(form.view());
    CHECK_FALSE(form.add("b", "1234567890x"));  // "&b=1234567890x" = 14 > 13 left
    CHECK(form.view() == before);
    CHECK_FALSE(form.ok());
    CHECK(std::string(buffer + 20, 12) == std::string(12, '#'));
    // Encoding expansion counts: "&c=" + 3 * 3 = 12 fits the 13 left; one more char doesn't.
    FormWriter exact(buffer, 20);
    REQUIRE(exact.add("a", "12345"));
    CHECK(exact.add("c", "   "));
    CHECK(exact.view().size() == 19);
    CHECK_FALSE(exact.add("d", ""));
    CHECK(std::string(buffer + 20, 12) == std::string(12, '#'));
}

TEST_CASE("fixed string bounds every write", "[core][fixed_string]") {
    FixedString<5> s;
    CHECK(s.assign("abc"));
    CHECK_FALSE(s.append("def"));
    CHECK(s.view() == "abc");
    CHECK(s.append("de"));
    CHECK_FALSE(s.push_back('f'));
    CHECK_FALSE(s.assign("toolong"));
    CHECK(s.view() == "abcde");
    s.clear();
    CHECK(s.append_decimal(12345));
    CHECK_FALSE(s.append_decimal(6));
    CHECK(s.view() == "12345");
    s.clear();
    CHECK_FALSE(s.append_clipped("abcdefg"));
    CHECK(s.view() == "abcde");
    s.wipe();
    CHECK(s.empty());
    CHECK(std::string(s.data(), 5) == std::string(5, '\0'));
}

TEST_CASE("url helpers: paths for traces, RFC 8414 metadata location", "[core][url]") {
    CHECK(url_path("https://auth.example:8443/oauth2/token?x=1") == "/oauth2/token");
    CHECK(url_path("https://auth.example") == "/");
    CHECK(url_path("http://h/a#frag") == "/a");
    FixedString<128> url;
    REQUIRE(metadata_url("https://auth.ringside.test", url));
    CHECK(url.view() == "https://auth.ringside.test/.well-known/oauth-authorization-server");
    REQUIRE(metadata_url("http://127.0.0.1:8080/", url));
    CHECK(url.view() == "http://127.0.0.1:8080/.well-known/oauth-authorization-server");
    REQUIRE(metadata_url("https://h.example/tenant1", url));
    CHECK(url.view() == "https://h.example/.well-known/oauth-authorization-server/tenant1");
    FixedString<20> tiny;
    CHECK_FALSE(metadata_url("https://auth.ringside.test", tiny));
    CHECK(tiny.empty());
}
