// The importer's small parts: capture dates, JSON positions, base64, which exchange a
// request is.
#include <catch2/catch.hpp>

#include "importer/har/base64.hpp"
#include "importer/har/capture_time.hpp"
#include "importer/har/exchange_kind.hpp"
#include "importer/har/text_position.hpp"

using namespace ringside::importer;

TEST_CASE("capture dates are read with their offsets and fractions", "[har]") {
    CHECK(parse_iso8601_ms("1970-01-01T00:00:00Z") == 0);
    CHECK(parse_iso8601_ms("2025-11-25T00:00:00.000Z") == 1764028800000);
    CHECK(parse_iso8601_ms("2025-11-25T01:30:00.25+01:30") == 1764028800250);
    CHECK(parse_iso8601_ms("2025-11-24T19:00:00.1234567-05:00") == 1764028800123);
    CHECK(parse_iso8601_ms("2025-11-25T00:00:00") == std::nullopt);  // no offset: which zone?
    CHECK(parse_iso8601_ms("2025-13-25T00:00:00Z") == std::nullopt);
    CHECK(parse_iso8601_ms("2025-11-25T00:00:00.Z") == std::nullopt);
    CHECK(parse_iso8601_ms("2025-11-25T00:00:00Zjunk") == std::nullopt);
    CHECK(parse_iso8601_ms("") == std::nullopt);
}

TEST_CASE("byte offsets become line and column", "[har]") {
    const std::string text = "{\n  \"a\": x\n}";
    CHECK(position_of(text, 0).line == 1);
    CHECK(position_of(text, 0).column == 1);
    CHECK(position_of(text, 9).line == 2);
    CHECK(position_of(text, 9).column == 8);
    CHECK(position_of(text, 999).line == 3);
    CHECK(position_of(text, 999).column == 2);
}

TEST_CASE("base64 bodies decode in both alphabets", "[har]") {
    CHECK(decode_base64("eyJhIjoxfQ==") == std::string("{\"a\":1}"));
    CHECK(decode_base64("eyJhIjoxfQ") == std::string("{\"a\":1}"));
    CHECK(decode_base64("-_-_") == decode_base64("+/+/"));
    CHECK(decode_base64("not base64!") == std::nullopt);
}

TEST_CASE("requests are told apart by path and grant under any prefix", "[har]") {
    const auto kind = [](const std::string& method, const std::string& url, const std::string& body = "") {
        HarExchange x;
        x.method = method;
        x.url = url;
        x.request_body = body;
        const auto k = classify(x);
        return k ? k->endpoint + "/" + k->grant + (k->lwa ? "/lwa" : "") : std::string("none");
    };
    CHECK(kind("POST", "https://a.example/tenants/t1/oauth2/token?x=1",
               "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code") == "token/device_code");
    CHECK(kind("POST", "https://a.example/oauth2/token", "grant_type=refresh_token&refresh_token=abc") == "token/refresh_token");
    CHECK(kind("POST", "https://a.example/oauth2/token", "grant_type=authorization_code&code=abc") == "none");
    CHECK(kind("POST", "https://api.amazon.com/auth/O2/token", "grant_type=device_code") == "token/device_code/lwa");
    CHECK(kind("POST", "https://api.amazon.com/auth/O2/create/codepair") == "device_authorization//lwa");
    CHECK(kind("POST", "http://127.0.0.1:1/oauth2/device_authorization") == "device_authorization/");
    CHECK(kind("POST", "http://127.0.0.1:1/oauth2/revoke") == "revoke/");
    CHECK(kind("GET", "http://127.0.0.1:1/.well-known/oauth-authorization-server") == "metadata/");
    CHECK(kind("POST", "http://127.0.0.1:1/tenants/t1/admin/clock", "set_ms=5") == "none");
    CHECK(kind("POST", "http://127.0.0.1:1/admin/oauth2/token", "grant_type=refresh_token") == "none");
    CHECK(kind("POST", "http://127.0.0.1:1/device", "user_code=x") == "none");
    CHECK(kind("GET", "http://127.0.0.1:1/oauth2/token") == "none");
}
