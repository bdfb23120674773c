#include <catch2/catch.hpp>

#include "runner/duration.hpp"

using namespace ringside::runner;
using namespace std::chrono_literals;

TEST_CASE("durations parse in the units scenarios use") {
    CHECK(parse_duration("500ms") == Millis(500));
    CHECK(parse_duration("5s") == Millis(5000));
    CHECK(parse_duration("2m") == Millis(120000));
    CHECK(parse_duration("24h") == Millis(86400000));
    CHECK(parse_duration("1h30m") == Millis(5400000));
    CHECK(parse_duration("1d") == Millis(86400000));
    CHECK(parse_duration("9m50s") == Millis(590000));
    CHECK(parse_duration("10s500ms") == Millis(10500));
}

TEST_CASE("malformed durations are refused") {
    for (const char* bad : {"", "5", "5 parsecs", "s", "5x", "-5s", "30m1h", "5s5s", "1.5s", "5 s"}) {
        INFO(bad);
        CHECK_FALSE(parse_duration(bad));
    }
}

TEST_CASE("durations and timestamps format for people and read back") {
    CHECK(format_duration(Millis(5400000)) == "1h30m");
    CHECK(format_duration(Millis(10500)) == "10s500ms");
    CHECK(format_duration(Millis(0)) == "0s");
    for (long long ms : {1LL, 999LL, 61000LL, 86400001LL}) CHECK(parse_duration(format_duration(Millis(ms))) == Millis(ms));
    CHECK(format_timestamp(Millis(135040)) == "00:02:15.040");
    CHECK(format_timestamp(Millis(86400000 + 3723004)) == "1d 01:02:03.004");
}
