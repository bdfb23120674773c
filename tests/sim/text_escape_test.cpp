// JSON string quoting of the host's reports and traces (sim/text/escape.hpp). The cloud
// quotes with its own encoder (tests/cloud/test_codecs.cpp).
#include <catch2/catch.hpp>

#include <string>

#include "sim/text/escape.hpp"

TEST_CASE("report JSON strings escape quotes, backslashes and control characters", "[text][json]") {
    CHECK(ringside::text::json_quote("plain") == "\"plain\"");
    CHECK(ringside::text::json_quote("a\"b\\c") == "\"a\\\"b\\\\c\"");
    CHECK(ringside::text::json_quote("\n\r\t\b\f") == "\"\\n\\r\\t\\b\\f\"");
    CHECK(ringside::text::json_quote(std::string("\x01\x1f", 2)) == "\"\\u0001\\u001f\"");
    CHECK(ringside::text::json_quote(std::string("a\0b", 3)) == "\"a\\u0000b\"");
}

TEST_CASE("report JSON strings keep valid UTF-8 and replace invalid bytes", "[text][json]") {
    CHECK(ringside::text::json_quote("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x94\x8a") == "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x94\x8a\"");
    CHECK(ringside::text::json_quote("caf\xe9") == "\"caf\\ufffd\"");            // Latin-1
    CHECK(ringside::text::json_quote("\xc0\xaf") == "\"\\ufffd\\ufffd\"");        // overlong '/'
    CHECK(ringside::text::json_quote("\xed\xa0\x80") == "\"\\ufffd\\ufffd\\ufffd\"");  // surrogate
    CHECK(ringside::text::json_quote("\xe2\x82") == "\"\\ufffd\\ufffd\"");        // truncated
}
