#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <string>

#include "firmware/core/json_reader.hpp"

using namespace ringside::fw;

TEST_CASE("json reader reads strings and integers of a flat object", "[core][json]") {
    const JsonReader json(R"(  {"device_code" : "abc", "expires_in":600,"interval": 5 ,"neg":-42}  )");
    REQUIRE(json.valid());
    FixedString<16> s;
    REQUIRE(json.get_string("device_code", s));
    CHECK(s.view() == "abc");
    CHECK(json.get_int("expires_in") == 600);
    CHECK(json.get_int("interval") == 5);
    CHECK(json.get_int("neg") == -42);
    CHECK_FALSE(json.get_int("missing"));
    CHECK_FALSE(json.get_string("missing", s));
    CHECK(s.empty());
    CHECK(json.has("interval"));
    CHECK_FALSE(json.has("Interval"));
}

TEST_CASE("json reader decodes escapes", "[core][json]") {
    const JsonReader json(R"({"a":"q\"b\\s\/n\nt\tend","u":"caf\u00e9 \u20ac","pair":"\ud83d\ude00","k\"ey":"v"})");
    REQUIRE(json.valid());
    FixedString<64> s;
    REQUIRE(json.get_string("a", s));
    CHECK(s.view() == "q\"b\\s/n\nt\tend");
    REQUIRE(json.get_string("u", s));
    CHECK(s.view() == "caf\xC3\xA9 \xE2\x82\xAC");
    REQUIRE(json.get_string("pair", s));
    CHECK(s.view() == "\xF0\x9F\x98\x80");
    REQUIRE(json.get_string("k\"ey", s));
    CHECK(s.view() == "v");
}

TEST_CASE("json reader refuses bad escapes", "[core][json]") {
    FixedString<16> s;
    CHECK_FALSE(JsonReader(R"({"a":"\x"})").get_string("a", s));
    CHECK_FALSE(JsonReader(R"({"a":"\ud83d"})").get_string("a", s));  // lone high surrogate
    CHECK_FALSE(JsonReader(R"({"a":"\u12"})").valid());               // short \u
}

TEST_CASE("json reader skips nested values and reads members after them", "[core][json]") {
    const JsonReader json(R"({"nested":{"token_endpoint":"inner","list":[1,{"x":"]"}]},"arr":["}",2,true,null],
                              "token_endpoint":"outer","flag":false})");
    REQUIRE(json.valid());
    FixedString<16> s;
    REQUIRE(json.get_string("token_endpoint", s));
    CHECK(s.view() == "outer");
    CHECK_FALSE(json.get_string("nested", s));  // not a string
    CHECK(json.raw("arr") == std::string_view(R"(["}",2,true,null])"));
    CHECK_FALSE(json.get_int("flag"));
}

TEST_CASE("json reader rejects malformed documents", "[core][json]") {
    for (const char* text : {"", "[]", "{", R"({"a":1,})", R"({"a" 1})", R"({"a":1} x)", R"({"a":tru})",
                             R"({"a":"unterminated})", R"({a:1})", R"({"a":[1,2})"}) {
        CAPTURE(text);
        const JsonReader json(text);
        CHECK_FALSE(json.valid());
        CHECK_FALSE(json.get_int("a"));
    }
    CHECK(JsonReader("{}").valid());
    CHECK(JsonReader(" {\n\t} ").valid());
}

// RFC 6749 §5.1 and RFC 8628 §3.2 make expires_in and interval JSON numbers: a number in
// quotes is a string, and a server that sends one sent a malformed answer (issue 12).
TEST_CASE("json integers: only JSON numbers - quoted numbers and fractions and overflow refused", "[core][json]") {
    const JsonReader json(R"({"s":"3600","f":5.5,"e":1e3,"big":99999999999999999999,"str":"x","min":-9223372036854775808,"max":9223372036854775807})");
    REQUIRE(json.valid());
    CHECK_FALSE(json.get_int("s"));
    CHECK(json.type("s") == JsonType::String);
    CHECK(json.type("f") == JsonType::Number);
    CHECK(json.type("missing") == JsonType::Absent);
    CHECK(json.get_int("min") == INT64_MIN);
    CHECK(json.get_int("max") == INT64_MAX);
    CHECK_FALSE(json.get_int("f"));
    CHECK_FALSE(json.get_int("e"));
    CHECK_FALSE(json.get_int("big"));
    CHECK_FALSE(json.get_int("str"));
}

TEST_CASE("json string overflow fails without writing past the buffer", "[core][json]") {
    const JsonReader json(R"({"a":"0123456789","e":"\u00e9\u00e9"})");
    char buffer[12];
    std::memset(buffer, '#', sizeof buffer);
    std::size_t length = 99;
    CHECK_FALSE(json.get_string("a", buffer, 8, length));
    CHECK(length == 0);
    CHECK(std::string(buffer + 8, 4) == "####");
    // Exactly fitting works.
    REQUIRE(json.get_string("a", buffer, 10, length));
    CHECK(std::string(buffer, length) == "0123456789");
    CHECK(std::string(buffer + 10, 2) == "##");
    // A multi-byte character that would straddle the end is refused whole.
    std::memset(buffer, '#', sizeof buffer);
    CHECK_FALSE(json.get_string("e", buffer, 3, length));
    CHECK(std::string(buffer + 3, 9) == "#########");

    FixedString<4> small;
    small.assign("keep");
    CHECK_FALSE(json.get_string("a", small));
    CHECK(small.empty());
}

TEST_CASE("json member types are told apart so a refusal can name them", "[core][json]") {
    const JsonReader json(R"({"s":"x","n":-1,"o":{},"a":[],"t":true,"f":false,"z":null})");
    CHECK(json.type("s") == JsonType::String);
    CHECK(json.type("n") == JsonType::Number);
    CHECK(json.type("o") == JsonType::Object);
    CHECK(json.type("a") == JsonType::Array);
    CHECK(json.type("t") == JsonType::Boolean);
    CHECK(json.type("f") == JsonType::Boolean);
    CHECK(json.type("z") == JsonType::Null);
    CHECK(json.type("nope") == JsonType::Absent);
    CHECK(JsonReader("{bad").type("s") == JsonType::Absent);
}
