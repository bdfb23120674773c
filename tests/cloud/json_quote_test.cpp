// json_quote's plain-ASCII shortcut must give the bytes nlohmann-json's encoder gives (the
// oracle the device's parser is held to) for every string, shortcut or not.
#include <catch2/catch.hpp>

#include <random>

#include <nlohmann/json.hpp>

#include "cloud/service/json_writer.hpp"

namespace {

std::string oracle(const std::string& text) {
    return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace

TEST_CASE("json_quote equals nlohmann-json's encoding for every byte and for random strings", "[cloud][json]") {
    for (int b = 0; b < 256; ++b) {
        const std::string one(1, static_cast<char>(b)), framed = "rs_rt." + one + "x";
        CHECK(ringside::cloud::json_quote(one) == oracle(one));
        CHECK(ringside::cloud::json_quote(framed) == oracle(framed));
    }
    CHECK(ringside::cloud::json_quote("") == "\"\"");
    std::mt19937 random(7);
    std::uniform_int_distribution<int> length(0, 40), byte(0, 255), ascii(0x1e, 0x7f);
    for (int i = 0; i < 2000; ++i) {
        std::string s(static_cast<std::size_t>(length(random)), ' ');
        for (char& c : s) c = static_cast<char>(i % 2 ? byte(random) : ascii(random));
        INFO(s);
        CHECK(ringside::cloud::json_quote(s) == oracle(s));
    }
}
