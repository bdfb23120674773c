// A fault's omit and set on a JSON answer: the members named go, the values set are written
// byte for byte (numbers no double holds too), order stays, and a body that is not a JSON
// object is left alone.
#include <catch2/catch.hpp>

#include "cloud/faults/answer_shape.hpp"

using ringside::cloud::is_json_value;
using ringside::cloud::reshape_json_answer;

TEST_CASE("omit drops members and set writes exact JSON values in place, keeping the order", "[faults][shape]") {
    std::string body = R"({"device_code":"d","user_code":"U","expires_in":600,"interval":5})";
    reshape_json_answer(body, {"interval"}, {{"expires_in", "\"600\""}});
    CHECK(body == R"({"device_code":"d","user_code":"U","expires_in":"600"})");

    body = R"({"a":1})";
    reshape_json_answer(body, {}, {{"b", "1e400"}, {"a", "-9223372036854775808"}, {"b", "99999999999999999999"}});
    CHECK(body == R"({"a":-9223372036854775808,"b":99999999999999999999})");  // the last `b` wins, appended once
}

TEST_CASE("omit wins over set and a body that is not a JSON object is left as it is", "[faults][shape]") {
    std::string body = R"({"interval":5,"x":"y"})";
    reshape_json_answer(body, {"interval"}, {{"interval", "7"}});
    CHECK(body == R"({"x":"y"})");
    for (std::string text : {std::string("<html>502</html>"), std::string("[1,2]"), std::string(""), std::string("{\"a\":")}) {
        const std::string before = text;
        reshape_json_answer(text, {"a"}, {{"a", "1"}});
        CHECK(text == before);
    }
}

TEST_CASE("a value set must be JSON, of any number size", "[faults][shape]") {
    CHECK(is_json_value("\"3600\""));
    CHECK(is_json_value("1e400"));
    CHECK(is_json_value("-9223372036854775809"));
    CHECK(is_json_value("null"));
    CHECK(is_json_value("{\"a\":[1,2]}"));
    CHECK_FALSE(is_json_value("3600s"));
    CHECK_FALSE(is_json_value("'3600'"));
    CHECK_FALSE(is_json_value(""));
    CHECK_FALSE(is_json_value("01"));
}
