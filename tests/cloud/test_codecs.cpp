// The text building blocks: form bodies, JSON strings, the PRNG, user codes.
#include <catch2/catch.hpp>

#include <set>

#include "cloud/oauth/form_codec.hpp"
#include "cloud/service/json_writer.hpp"
#include "cloud/oauth/opaque_token.hpp"
#include "common/prng.hpp"
#include "cloud/oauth/user_code.hpp"

using namespace ringside::cloud;

TEST_CASE("form bodies decode percent escapes and '+'", "[cloud][form]") {
    const auto form = parse_form("grant_type=urn%3Aietf%3Aparams&scope=a+b%20c&x=%e2%82%ac");
    REQUIRE(form);
    CHECK(form->get("grant_type") == "urn:ietf:params");
    CHECK(form->get("scope") == "a b c");
    CHECK(form->get("x") == "\xe2\x82\xac");
    CHECK_FALSE(form->get("missing"));
}

TEST_CASE("form parameters without a value read as absent", "[cloud][form]") {
    const auto form = parse_form("client_id=&scope&&device_code=abc&");
    REQUIRE(form);
    CHECK_FALSE(form->get("client_id"));
    CHECK_FALSE(form->get("scope"));
    CHECK(form->get("device_code") == "abc");
    CHECK(form->count("client_id") == 1);
}

TEST_CASE("repeated form parameters are counted, first one wins", "[cloud][form]") {
    const auto form = parse_form("a=1&a=2&b=3");
    REQUIRE(form);
    CHECK(form->count("a") == 2);
    CHECK(form->get("a") == "1");
}

TEST_CASE("malformed percent escapes reject the body", "[cloud][form]") {
    CHECK_FALSE(parse_form("a=%4"));
    CHECK_FALSE(parse_form("a=%zz"));
    CHECK_FALSE(parse_form("a=%"));
    CHECK(parse_form("a=%41")->get("a") == "A");
    CHECK(parse_form("")->pairs.empty());
}

TEST_CASE("form encoding round-trips through parsing", "[cloud][form]") {
    const std::string tricky = "a b&c=d+e%f/\xc3\xa9~";
    CHECK(form_encode(tricky) == "a+b%26c%3Dd%2Be%25f%2F%C3%A9~");
    const auto form = parse_form(form_encode({{"k&", tricky}, {"z", "1"}}));
    REQUIRE(form);
    CHECK(form->get("k&") == tricky);
    CHECK(form->get("z") == "1");
}

TEST_CASE("the cloud's JSON strings escape quotes, backslashes and control characters", "[cloud][json]") {
    CHECK(json_quote("plain") == "\"plain\"");
    CHECK(json_quote("a\"b\\c") == "\"a\\\"b\\\\c\"");
    CHECK(json_quote("\n\r\t\b\f") == "\"\\n\\r\\t\\b\\f\"");
    CHECK(json_quote(std::string("\x01\x1f", 2)) == "\"\\u0001\\u001f\"");
    CHECK(json_quote(std::string("a\0b", 3)) == "\"a\\u0000b\"");
}

TEST_CASE("the cloud's JSON strings keep valid UTF-8 and replace invalid bytes with U+FFFD", "[cloud][json]") {
    const std::string fffd = "\xef\xbf\xbd";
    CHECK(json_quote("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x94\x8a") == "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x94\x8a\"");
    CHECK(json_quote("caf\xe9") == "\"caf" + fffd + "\"");                  // Latin-1
    CHECK(json_quote("\xc0\xaf") == "\"" + fffd + fffd + "\"");              // overlong '/'
    CHECK(json_quote("\xed\xa0\x80") == "\"" + fffd + fffd + fffd + "\"");  // surrogate
    CHECK(json_quote("\xe2\x82") == "\"" + fffd + "\"");                     // truncated
}

TEST_CASE("JSON objects keep member order", "[cloud][json]") {
    const std::string body = JsonObjectWriter()
                                 .string("b", "x")
                                 .number("a", -42)
                                 .boolean("t", true)
                                 .string_array("l", {"p", "q\""})
                                 .string_array("e", {})
                                 .finish();
    CHECK(body == R"({"b":"x","a":-42,"t":true,"l":["p","q\""],"e":[]})");
    CHECK(JsonObjectWriter().finish() == "{}");
}

TEST_CASE("user codes are 8 alphabet characters, shown as XXXX-XXXX", "[cloud][user_code]") {
    CodeSource prng(11);
    std::set<std::string> codes;
    std::set<char> letters;
    for (int i = 0; i < 5000; ++i) {
        const std::string code = generate_user_code(prng);
        REQUIRE(code.size() == 8);
        for (const char c : code) {
            REQUIRE(kUserCodeAlphabet.find(c) != std::string_view::npos);
            letters.insert(c);
        }
        const std::string shown = display_user_code(code);
        REQUIRE(shown.size() == 9);
        REQUIRE(shown[4] == '-');
        REQUIRE(normalise_user_code(shown) == code);
        codes.insert(code);
    }
    CHECK(letters.size() == kUserCodeAlphabet.size());  // no letter of the alphabet is unused
    CHECK(codes.size() > 4990);                            // 20^8 codes: collisions are rare
}

TEST_CASE("typed user codes are normalised", "[cloud][user_code]") {
    CHECK(normalise_user_code("wdjb-mjht") == "WDJBMJHT");
    CHECK(normalise_user_code(" WDJB MJHT ") == "WDJBMJHT");
    CHECK(normalise_user_code("W-D-J-B-M-J-H-T") == "WDJBMJHT");
    CHECK(normalise_user_code("WDJB.MJHT") == "WDJB.MJHT");  // other typos stay and match nothing
}

TEST_CASE("opaque tokens are long base64url strings", "[cloud][token]") {
    CodeSource prng(5);
    const std::string token = generate_opaque_token(prng, "p.");
    CHECK(token.rfind("p.", 0) == 0);
    CHECK(token.size() == 2 + kOpaqueTokenChars);
    CHECK(token.size() >= 32);
    CHECK(token.find_first_not_of("p.ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
          std::string::npos);
    CHECK(generate_opaque_token(prng, "p.") != token);
}

TEST_CASE("codes from the OS's CSPRNG differ between sources, seeded ones repeat", "[cloud][codes]") {
    CodeSource os_a = CodeSource::os(), os_b = CodeSource::os();
    CHECK_FALSE(os_a.seeded());
    CHECK(generate_opaque_token(os_a, "") != generate_opaque_token(os_b, ""));
    const std::string code = generate_user_code(os_a);
    REQUIRE(code.size() == kUserCodeLength);
    for (char c : code) CHECK(kUserCodeAlphabet.find(c) != std::string_view::npos);
    for (int i = 0; i < 1000; ++i) REQUIRE(os_a.below(20) < 20);

    CodeSource seeded_a(9), seeded_b(9);
    CHECK(seeded_a.seeded());
    CHECK(generate_opaque_token(seeded_a, "") == generate_opaque_token(seeded_b, ""));
}
